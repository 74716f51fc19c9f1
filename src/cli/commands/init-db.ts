import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples, useColor } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';
import { parseByteCount } from '../inputs.js';

interface InitDbFlags {
  config: string;
  db?: string;
  fleet?: string;
  out?: string;
  workers?: string;
  legacyCtrlr: boolean;
  strict?: boolean;
  maxFileSize?: string;
  plan?: boolean;
  forceOffline?: boolean;
  format: 'stylish' | 'json';
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('init-db')
    .description("build or update libocpp's SQLite device-model database from a component_config tree, as libocpp does at boot")
    .option('-c, --config <dir>', 'component_config folder (holding standardized/ and custom/)', 'component_config')
    .option('--db <file>', 'device-model database to create or update (libocpp: device_model_storage.db)')
    .option('--fleet <dir>', 'build one database per component_config tree below dir (with --out)')
    .option('--out <dir>', 'with --fleet: folder for the databases, named after each station path')
    .option('--workers <n>', 'with --fleet: worker threads (default: one per 250 trees, at most one per core)')
    .option('--no-legacy-ctrlr', "leave out libocpp's built-in OCPP16LegacyCtrlr (and remove one it added earlier)")
    .option('--strict', 'also refuse when `ocppctl validate` reports any error')
    .option('--max-file-size <bytes>', 'component files larger than this are an error, not read (default 64M)')
    .option('--plan', 'show what would be added, removed, updated and kept; write nothing')
    .option(
      '--force-offline',
      "skip SQLite's lock check and replace the file with an updated copy: only for a database no program has open",
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .action(async (flags: InitDbFlags, self: Command) => {
      if (flags.fleet) {
        const { initDbFleetCommand } = await import('../init-db-fleet.js');
        ctx.exitCode = await initDbFleetCommand({ ...flags, fleet: flags.fleet }, ctx, useColor(ctx, self));
        return;
      }
      if (!flags.db) throw new OcppctlError('USAGE', "required option '--db <file>' not specified");
      ctx.exitCode = await initDbCommand({ ...flags, db: flags.db }, ctx, useColor(ctx, self));
    });
  examples(cmd, [
    'ocppctl init-db --config component_config --db device_model_storage.db',
    'ocppctl init-db --config component_config --db station.db --plan',
    'ocppctl init-db --config component_config --db station.db --plan --format json',
    'ocppctl init-db --config component_config --db ci.db --strict --no-legacy-ctrlr',
    'ocppctl init-db --fleet stations --out databases',
  ]);
}

function planJson(plan: { fresh: boolean; summary: Record<string, number> }, entries: { action: string }[]) {
  return {
    fresh: plan.fresh,
    summary: plan.summary,
    changes: entries.filter((e) => e.action !== 'keep'),
    kept: entries.filter((e) => e.action === 'keep'),
  };
}

async function initDbCommand(flags: InitDbFlags & { db: string }, ctx: CliContext, color: boolean): Promise<number> {
  const { initDb, renderPlan, planEntriesForJson } = await import('../../db/index.js');
  const crashAt = Number(ctx.io.env.OCPPCTL_TEST_CRASH_AT_STEP);
  let steps = 0;
  const result = await initDb({
    config: flags.config,
    db: flags.db,
    cwd: ctx.io.cwd,
    legacyCtrlr: flags.legacyCtrlr,
    strict: flags.strict,
    maxFileSize: parseByteCount('--max-file-size', flags.maxFileSize),
    plan: flags.plan,
    forceOffline: flags.forceOffline,
    // test hook: a real SIGKILL at a chosen step, for the kill-safety test
    onStep: crashAt ? () => ++steps === crashAt && process.kill(process.pid, 'SIGKILL') : undefined,
  });
  const { makeReport, formatters } = await import('../../diagnostics/index.js');
  const report = makeReport(result.diagnostics, result.files);
  if (flags.format === 'json') {
    const { plan } = result;
    const out = {
      status: result.status,
      db: result.db,
      diagnostics: report.diagnostics,
      // values as JSON values, secrets as their length (as in the stylish plan); what the station keeps is no change
      ...(plan ? planJson(plan, planEntriesForJson(plan)) : {}),
    };
    ctx.io.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    if (report.diagnostics.length) {
      const text = formatters.stylish(report, { color, rules: [], toolVersion: ctx.version });
      (result.status === 'refused' ? ctx.io.stdout : ctx.io.stderr).write(text + '\n');
    }
    if (result.status === 'refused') ctx.io.stderr.write(`ocppctl: libocpp would refuse this config; ${result.db} was not touched\n`);
    else if (result.plan) {
      const verb = { planned: result.plan.fresh ? 'would create' : 'would update', created: 'created', updated: 'updated' }[result.status];
      ctx.io.stdout.write(renderPlan(result.plan, `${verb} ${result.db}`, result.db) + '\n');
    }
  }
  return result.status === 'refused' ? EXIT.findings : EXIT.ok;
}
