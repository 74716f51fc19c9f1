import type { FilePlan } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { OcppctlError } from '../errors.js';
import { environmentError, errnoReason } from './environment-error.js';

/**
 * The shared start of every command that changes a config tree: load it, and refuse while an earlier change
 * to it is still half done (ocppctl recover).
 */
export async function loadForEdit(ctx: CliContext, config: string): Promise<ConfigTree> {
  const { loadConfigTree } = await import('../model/index.js');
  const { assertNoInterruptedChange } = await import('../files/index.js');
  const tree = loadConfigTree(config, { cwd: ctx.io.cwd });
  assertNoInterruptedChange(tree.root, config);
  return tree;
}

export interface WritePlanOptions {
  dryRun?: boolean;
  /** Values to mask in a dry-run diff besides the secrets the files hold (a password from --password-env). */
  secrets?: readonly string[];
  /** Extra advice printed when the rules refuse the change. */
  refusalHint?: string;
}

/**
 * The shared end of every command that changes a config tree: judge the would-be tree with the real rules,
 * refuse (exit 1) if the change would add an error, then print the diff (--dry-run) or apply all or nothing.
 */
export async function writeOrPreview(ctx: CliContext, tree: ConfigTree, plan: FilePlan, opts: WritePlanOptions): Promise<number> {
  const { io } = ctx;
  const { checkPlan } = await import('../slots/index.js');
  const { applyPlan } = await import('../files/index.js');
  const { formatters, makeReport } = await import('../diagnostics/index.js');
  const check = checkPlan(tree, plan);
  if (check.introduced.length > 0) {
    const report = makeReport(check.introduced, tree.files.length);
    io.stderr.write(`ocppctl: refused, the change would leave ${check.introduced.length} error(s); nothing was written\n`);
    io.stderr.write(formatters.stylish(report, { color: false, rules: [], toolVersion: ctx.version }) + '\n');
    if (opts.refusalHint) io.stderr.write(`hint: ${opts.refusalHint}\n`);
    return EXIT.findings;
  }
  // a change that is allowed may still weaken the station: say so before (--dry-run), or once it is written
  const sayWarnings = () => {
    if (check.warnings.length === 0) return;
    const report = makeReport(check.warnings, tree.files.length);
    io.stderr.write(`warning: the change ${opts.dryRun ? 'would add' : 'adds'} ${check.warnings.length} warning(s):\n`);
    // the findings without stylish's summary line, which would count the whole tree's files
    io.stderr.write(formatters.stylish(report, { color: false, rules: [], toolVersion: ctx.version }).replace(/\n\n[^\n]*$/, '') + '\n');
  };
  if (check.existing.length > 0) io.stderr.write(`note: ${tree.displayRoot} already had ${check.existing.length} error(s) before this change (ocppctl validate ${tree.displayRoot})\n`);
  if (plan.changes.length === 0) {
    io.stderr.write('nothing to change\n');
    return EXIT.ok;
  }
  if (opts.dryRun) {
    sayWarnings();
    const { renderRedactedDiff } = await import('./redacted-diff.js');
    io.stdout.write(renderRedactedDiff(plan, opts.secrets));
    return EXIT.ok;
  }
  const crashAt = io.env.OCPPCTL_TEST_CRASH_AT_STEP;
  try {
    await applyPlan(plan, {
      // test hook: a real SIGKILL at a chosen step, for the kill-safety tests
      onStep: crashAt ? (step) => step === Number(crashAt) && process.kill(process.pid, 'SIGKILL') : undefined,
    });
  } catch (err) {
    // a read-only tree or a full disk is the user's to fix, not a bug; applyPlan has undone what it began
    const plain = errnoReason(err) ?? environmentError(err);
    if (plain) throw new OcppctlError('INPUT', `cannot change ${tree.displayRoot}: ${plain}; nothing was changed`, { cause: err });
    throw err;
  }
  for (const c of plan.changes) io.stdout.write(`${c.kind === 'create' ? 'created' : c.kind === 'delete' ? 'deleted' : 'updated'} ${c.file}\n`);
  sayWarnings();
  return EXIT.ok;
}

/** A secret from the environment; --password-env names the variable so the value never appears in argv or shell history. */
