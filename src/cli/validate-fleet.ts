import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { OcppctlError } from '../errors.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { parseByteCount } from './inputs.js';
import type { ValidateFlags } from './report-writer.js';
import { parseMaxWarnings, pickRules, threshold, writeReport } from './report-writer.js';

/** `validate` over many trees: listed roots and/or --fleet discovery, then --changed-since, then --shard. */
export async function fleetCommand(dirs: string[], flags: ValidateFlags, ctx: CliContext, color: boolean): Promise<number> {
  const fleet = await import('../fleet/index.js');
  const { makeReport } = await import('../diagnostics/index.js');
  const { cwd, stderr } = ctx.io;
  const maxWarnings = parseMaxWarnings(flags);
  const maxFileSize = parseByteCount('--max-file-size', flags.maxFileSize);
  threshold(flags); // a clash of --quiet and --min-severity is refused before the fleet is read
  const ruleIds = flags.rule ? new Set(pickRules((await import('../rules/index.js')).rules, flags.rule).map((r) => r.id)) : undefined;
  const shard = flags.shard === undefined ? undefined : fleet.parseShard(flags.shard);
  const workersWanted = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workersWanted !== undefined && (!Number.isInteger(workersWanted) || workersWanted < 1))
    throw new OcppctlError('USAGE', `--workers needs a whole number ≥ 1, got "${flags.workers}"`);

  const found = [...dirs];
  for (const top of flags.fleet ?? []) {
    const roots = fleet.findConfigRoots(top, { cwd });
    if (roots.length === 0)
      throw new OcppctlError('CONFIG_DIR_MISSING', `no component_config tree (a folder holding standardized/) below ${top}`);
    found.push(...roots);
  }
  let roots = fleet.sortRoots(found, cwd);
  if (flags.changedSince !== undefined) {
    const { top, files } = gitChangedFiles(flags.changedSince, cwd);
    roots = fleet.rootsTouchedBy(roots, files, top);
    if (roots.length === 0) stderr.write(`ocppctl: no component_config tree has changed since ${flags.changedSince}\n`);
  }
  if (shard) roots = fleet.selectShard(roots, shard);

  const workers = Math.min(workersWanted ?? fleet.defaultWorkers(availableParallelism(), roots.length), Math.max(1, roots.length));
  const progress = showProgress(ctx, flags, roots.length) ? progressBar(ctx, fleet.progressLine) : undefined;
  let outcomes;
  try {
    outcomes = await fleet.validateFleet(roots, { cwd, target: flags.target, maxFileSize, workers, onProgress: progress?.update });
  } finally {
    progress?.clear();
  }

  // --rule in a fleet: every rule runs in the workers, and only the named rules' findings are kept
  const kept = (list: Diagnostic[]) => (ruleIds ? list.filter((d) => ruleIds.has(d.ruleId)) : list);
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  for (const o of outcomes) {
    if (!o.ok) continue;
    files += o.files;
    diagnostics.push(...kept(o.diagnostics));
  }
  // each station's verdict comes from all its findings, so --quiet or --min-severity never changes it
  const stations = outcomes.map((o) =>
    o.ok
      ? { root: o.root, files: o.files, diagnostics: kept(o.diagnostics) }
      : { root: o.root, files: 0, diagnostics: [], failure: o.message },
  );
  const code = await writeReport(makeReport(diagnostics, files), flags, maxWarnings, ctx, color, () =>
    roots.length ? fleet.stationSummary(stations, color) : '',
  );
  const failures = outcomes.filter((o) => !o.ok);
  // a station that could not be read at all is an input error, as for a single tree; the others are still reported
  for (const f of failures) stderr.write(`ocppctl: ${f.message}\n`);
  return failures.length ? EXIT.usage : code;
}

// A terminal only: CI logs and machine formats must stay free of carriage-return noise
function showProgress(ctx: CliContext, flags: ValidateFlags, stations: number): boolean {
  const ci = ctx.io.env.CI;
  return (
    ctx.io.stdoutIsTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0') && flags.format === 'stylish' && stations > 1
  );
}

function progressBar(ctx: CliContext, line: (done: number, total: number, columns?: number) => string) {
  let last = -1;
  let drawn = false;
  return {
    update: (done: number, total: number) => {
      const step = Math.floor((done * 100) / total);
      if (step === last) return;
      last = step;
      drawn = true;
      ctx.io.stderr.write(`\r${line(done, total, ctx.io.columns)}`);
    },
    clear: () => {
      if (drawn) ctx.io.stderr.write('\r\x1b[K');
    },
  };
}

/** Files changed between `ref` and the working tree, plus untracked ones, relative to the repository's top folder. */
function gitChangedFiles(ref: string, cwd: string): { top: string; files: string[] } {
  // a "ref" starting with a dash would reach git as an option
  if (ref.startsWith('-')) throw new OcppctlError('USAGE', `--changed-since needs a git ref, got "${ref}"`);
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new OcppctlError('USAGE', '--changed-since needs git, which was not found on PATH');
      const why =
        String(e.stderr ?? '')
          .trim()
          .split('\n')[0] || e.message;
      throw new OcppctlError('USAGE', `--changed-since ${ref}: git ${args[0]} failed: ${why}`);
    }
  };
  const top = git(['rev-parse', '--show-toplevel']).trim();
  // -z: names come unquoted and with any byte, so a station folder with spaces or umlauts still matches
  const diff = git(['diff', '--name-only', '-z', ref, '--']).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name']).split('\0');
  return { top, files: [...diff, ...untracked].filter(Boolean) };
}
