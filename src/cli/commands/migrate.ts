import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';
import { loadForEdit, writeOrPreview } from '../write-plan.js';

interface MigrateFlags {
  config: string;
  db?: string;
  dryRun?: boolean;
  diff?: boolean;
  from16?: string;
  userConfig?: string;
  mappings?: string;
  slot?: string;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('migrate')
    .description(
      "move the legacy InternalCtrlr.NetworkConnectionProfiles blob into NetworkConfiguration slots, as libocpp does at start-up; with --from-16, apply an OCPP 1.6 config as OCPPmulti's legacy migration does",
    )
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--db <file>', "migrate a device-model database (libocpp's SQLite file) instead of the config files, in one transaction")
    .option('--dry-run', 'print the plan (per profile: slot, fields, what is skipped and why) and write nothing')
    .option('--diff', 'with --dry-run, also print the unified diff (secrets shown as their length)')
    .option(
      '--from-16 <config.json>',
      "apply an OCPP 1.6 config (libocpp's ChargePointConfigPath JSON) as OCPPmulti's legacy migration would",
    )
    .option('--user-config <user.json>', 'with --from-16: the 1.6 user config (UserConfigPath), overlaid first')
    .option('--mappings <mappings.yaml>', "with --from-16: custom 1.6 key mappings (OCPPmulti's DeviceModelConfigMappings)")
    .option('--slot <n>', 'with --from-16: NetworkConfiguration slot for the connection keys (Ocpp16NetworkConfigSlot); 0 skips them', '1')
    .action(async (flags: MigrateFlags) => {
      if (flags.from16 !== undefined) {
        const { migrateFrom16Command } = await import('../migrate-from16.js');
        ctx.exitCode = await migrateFrom16Command(ctx, { ...flags, from16: flags.from16 });
        return;
      }
      for (const [flag, set] of [
        ['--user-config', flags.userConfig],
        ['--mappings', flags.mappings],
      ] as const) {
        if (set !== undefined) throw new OcppctlError('USAGE', `${flag} needs --from-16`);
      }
      if (flags.db !== undefined) {
        ctx.exitCode = await migrateDbCommand(ctx, flags.db, Boolean(flags.dryRun));
        return;
      }
      const { planMigrate, formatMigrationReport } = await import('../../slots/index.js');
      const tree = await loadForEdit(ctx, flags.config, 'migrate');
      const { plan, report, secrets } = planMigrate(tree);
      const text = reportText(formatMigrationReport(report), Boolean(flags.dryRun)) + '\n';
      if (plan.changes.length === 0) {
        ctx.io.stdout.write(text);
        ctx.exitCode = EXIT.ok;
        return;
      }
      if (!flags.dryRun) {
        // the report reads as done ("migrated", "cleared"): it follows the write, never precedes one that fails
        ctx.exitCode = await writeOrPreview(ctx, tree, plan, {});
        if (ctx.exitCode === EXIT.ok) ctx.io.stdout.write(text);
        return;
      }
      ctx.io.stdout.write(text);
      if (flags.diff) {
        const { renderRedactedDiff } = await import('../redacted-diff.js');
        ctx.io.stdout.write(renderRedactedDiff(plan, secrets));
      }
      const files = plan.changes.map(
        (c) => `would ${c.kind === 'create' ? 'create' : c.kind === 'delete' ? 'delete' : 'update'} ${c.file}`,
      );
      ctx.io.stdout.write(`${files.join('\n')}\ndry run: nothing written\n`);
      // the diff is printed above only on request; writeOrPreview's own dry-run diff is not wanted here
      ctx.exitCode = await checkOnly(ctx, tree, plan);
    });
  examples(cmd, [
    'ocppctl migrate --config component_config --dry-run',
    'ocppctl migrate --config component_config',
    'ocppctl migrate --db /etc/everest/ocpp/device_model_storage.db --dry-run',
    'ocppctl migrate --from-16 /etc/everest/ocpp/config.json --user-config /etc/everest/ocpp/user_config.json --config component_config --dry-run --diff',
    'ocppctl migrate --from-16 config.json --mappings ocpp16-custom-config-mappings.yaml --slot 2 --config component_config',
  ]);
}

async function migrateDbCommand(ctx: CliContext, file: string, dryRun: boolean): Promise<number> {
  const { migrateDb } = await import('../../slots/migrate-db.js');
  const { formatMigrationReport } = await import('../../slots/index.js');
  const { decision, written, db } = migrateDb({ db: file, cwd: ctx.io.cwd, dryRun });
  ctx.io.stdout.write(
    reportText(formatMigrationReport({ outcome: decision.outcome, notes: decision.notes, profiles: decision.profiles }), dryRun) + '\n',
  );
  if (written) ctx.io.stdout.write(`updated ${db}\n`);
  else if (dryRun && decision.outcome !== 'no-blob' && decision.outcome !== 'empty')
    ctx.io.stdout.write(`would update ${db}\ndry run: nothing written\n`);
  return EXIT.ok;
}

async function checkOnly(
  ctx: CliContext,
  tree: import('../../model/index.js').ConfigTree,
  plan: import('../../files/index.js').FilePlan,
): Promise<number> {
  const { checkPlan } = await import('../../plan/index.js');
  const { introduced, warnings } = checkPlan(tree, plan);
  if (warnings.length > 0) {
    ctx.io.stderr.write(`warning: the migration would add ${warnings.length} warning(s):\n`);
    for (const d of warnings) ctx.io.stderr.write(`  ${d.file}:${d.line}:${d.column} ${d.message} (${d.ruleId})\n`);
  }
  if (introduced.length === 0) return EXIT.ok;
  ctx.io.stderr.write(`ocppctl: the migration would leave ${introduced.length} error(s):\n`);
  for (const d of introduced) ctx.io.stderr.write(`  ${d.file}:${d.line}:${d.column} ${d.message} (${d.ruleId})\n`);
  return EXIT.findings;
}

// The migration report states what migrating does; a dry run did none of it, so it says what would happen.
const DRY_RUN_WORDING: readonly [RegExp, string][] = [
  [/ migrated into (\d+) slot\(s\); the blob is cleared/g, ' would be migrated into $1 slot(s); the blob would be cleared'],
  [/ → slot (\d+) \(created: /g, ' → slot $1 (would be created: '],
  [/: libocpp keeps the slots and only clears the blob/g, ': libocpp keeps the slots and only clears the blob, as this migration would'],
  [/: libocpp only clears it$/gm, ': libocpp only clears it, as this migration would'],
];

function reportText(text: string, dryRun: boolean): string {
  return dryRun ? DRY_RUN_WORDING.reduce((t, [from, to]) => t.replace(from, to), text) : text;
}
