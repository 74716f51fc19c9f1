import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { parseByteCount } from './inputs.js';

export interface InitDbFleetFlags {
  fleet: string;
  out?: string;
  workers?: string;
  legacyCtrlr: boolean;
  strict?: boolean;
  maxFileSize?: string;
  format: 'stylish' | 'json';
}

/** `init-db --fleet DIR --out DIR`: one database per station, named after the station's path below DIR. */
export async function initDbFleetCommand(flags: InitDbFleetFlags, ctx: CliContext, color: boolean): Promise<number> {
  if (!flags.out) throw new OcppctlError('USAGE', '--fleet needs --out <dir>, the folder that receives one database per station');
  const workersWanted = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workersWanted !== undefined && (!Number.isInteger(workersWanted) || workersWanted < 1))
    throw new OcppctlError('USAGE', `--workers needs a whole number ≥ 1, got "${flags.workers}"`);
  const { cwd } = ctx.io;
  const { findConfigRoots } = await import('../fleet/discover.js');
  const { defaultWorkers } = await import('../fleet/default-workers.js');
  const { databasePaths, initDbFleet } = await import('../fleet/init-db-fleet.js');
  const roots = findConfigRoots(flags.fleet, { cwd });
  if (roots.length === 0)
    throw new OcppctlError('CONFIG_DIR_MISSING', `no component_config tree (a folder holding standardized/) below ${flags.fleet}`);
  const jobs = databasePaths(roots, resolve(cwd, flags.fleet), resolve(cwd, flags.out));
  const outcomes = await initDbFleet(jobs, {
    cwd,
    legacyCtrlr: flags.legacyCtrlr,
    strict: flags.strict,
    maxFileSize: parseByteCount('--max-file-size', flags.maxFileSize),
    workers: Math.min(workersWanted ?? defaultWorkers(availableParallelism(), roots.length), roots.length),
  });

  const { displayPath } = await import('../model/load.js');
  const shown = (p: string) => displayPath(cwd, p);
  const refused = outcomes.filter((o) => o.ok && o.status === 'refused').length;
  const failed = outcomes.filter((o) => !o.ok);
  if (flags.format === 'json') {
    const stations = outcomes.map((o) =>
      o.ok
        ? { config: shown(o.root), db: o.db, status: o.status, diagnostics: o.diagnostics }
        : { config: shown(o.root), db: shown(o.db), status: 'failed', message: o.message },
    );
    ctx.io.stdout.write(JSON.stringify({ stations }, null, 2) + '\n');
  } else {
    const { makeReport, formatters } = await import('../diagnostics/index.js');
    const refusedDiagnostics: Diagnostic[] = outcomes.flatMap((o) => (o.ok && o.status === 'refused' ? o.diagnostics : []));
    if (refusedDiagnostics.length)
      ctx.io.stdout.write(formatters.stylish(makeReport(refusedDiagnostics, 0), { color, rules: [], toolVersion: ctx.version }) + '\n\n');
    for (const o of outcomes) {
      if (!o.ok) continue;
      ctx.io.stdout.write(
        o.status === 'refused'
          ? `refused ${shown(o.root)}: libocpp would refuse it; ${o.db} was not touched\n`
          : `${o.status} ${o.db} from ${shown(o.root)}\n`,
      );
    }
    const built = outcomes.length - refused - failed.length;
    ctx.io.stdout.write(
      `${outcomes.length} stations: ${built} databases written, ${refused} refused${failed.length ? `, ${failed.length} failed` : ''}\n`,
    );
  }
  for (const f of failed) ctx.io.stderr.write(`ocppctl: ${f.message}\n`);
  return failed.length ? EXIT.usage : refused ? EXIT.findings : EXIT.ok;
}
