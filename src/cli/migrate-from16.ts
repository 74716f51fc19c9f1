import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { OcppctlError } from '../errors.js';
import { loadForEdit, writeOrPreview } from './write-plan.js';

export interface From16Flags {
  from16: string;
  config: string;
  userConfig?: string;
  mappings?: string;
  slot?: string;
  db?: string;
  dryRun?: boolean;
  diff?: boolean;
}

/**
 * ocppctl migrate --from-16: OCPPmulti's one-time OCPP 1.6 migration, offline. The 1.6 config and the mapping
 * file are read and judged first; the plan is then written through the shared FilePlan writer (or, with --db, in
 * one database transaction) and followed by the report of what did not carry over and the EVerest YAML change.
 */
export async function migrateFrom16Command(ctx: CliContext, flags: From16Flags): Promise<number> {
  const { io } = ctx;
  if (flags.diff && !flags.dryRun) throw new OcppctlError('USAGE', '--diff needs --dry-run');
  const slotText = flags.slot ?? '1';
  if (!/^\d+$/.test(slotText) || Number(slotText) > 2147483647)
    throw new OcppctlError('USAGE', `--slot ${slotText}: expected a slot number (0 skips the connection keys)`);
  const slot = Number(slotText);
  const lib = await import('../legacy16/index.js');
  const legacy = await lib.readLegacyConfig({ config: flags.from16, userConfig: flags.userConfig, cwd: io.cwd });
  const custom = flags.mappings !== undefined ? await lib.readCustomMappings(flags.mappings, io.cwd) : new Map<string, never>();
  const decide = (model: import('../legacy16/index.js').TargetModel) => lib.planLegacy16(legacy, model, { slot, custom });
  const yaml = lib.everestYaml({ configDir: flags.config, slot, mappings: flags.mappings });
  const tail = (plan: import('../legacy16/index.js').Legacy16Plan) => {
    const report = lib.formatReport(plan);
    io.stdout.write(`${report ? report + '\n' : ''}\nEverest YAML change (apply by hand):\n${yaml}\n`);
  };

  if (flags.db !== undefined) {
    const { plan, written, db } = lib.migrate16Db({ db: flags.db, cwd: io.cwd, dryRun: flags.dryRun }, decide);
    io.stdout.write(lib.formatChanges(plan) + '\n');
    tail(plan);
    io.stdout.write(flags.dryRun ? `dry run: ${db} was not changed\n` : `updated ${written} value(s) in ${db}\n`);
    return EXIT.ok;
  }

  const tree = await loadForEdit(ctx, flags.config, 'migrate');
  const plan = decide(lib.treeModel(tree));
  const filePlan = lib.filePlan(tree, plan);
  io.stdout.write(lib.formatChanges(plan) + '\n');
  tail(plan);
  if (flags.dryRun && !flags.diff) {
    const { checkPlan } = await import('../plan/index.js');
    const { introduced } = checkPlan(tree, filePlan);
    if (introduced.length === 0) return EXIT.ok;
    const { SecretRedactor } = await import('../diagnostics/redact.js');
    const r = new SecretRedactor(plan.secrets);
    io.stderr.write(`ocppctl: the migration would leave ${introduced.length} error(s); it would be refused:\n`);
    for (const d of introduced) io.stderr.write(`  ${d.file}:${d.line}:${d.column} ${r.text(d.message)} (${d.ruleId})\n`);
    return EXIT.findings;
  }
  return writeOrPreview(ctx, tree, filePlan, { dryRun: flags.dryRun, secrets: plan.secrets });
}
