import type { FilePlan, TreeLock } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { OcppctlError } from '../errors.js';
import { environmentError, errnoReason } from './environment-error.js';

/** The lock a command holds on its config tree, and the signals caught while it writes. */
interface TreeGuard {
  root: string;
  /** The tree as the user named it, for messages. */
  display: string;
  lock?: TreeLock;
  /** Why the lock could not be taken (a read-only tree): fine for a dry run, raised before any write. */
  lockError?: unknown;
  /** True while files are being changed: a signal then waits for the change to be finished or undone. */
  writing: boolean;
  caught?: NodeJS.Signals;
}

const guards = new WeakMap<CliContext, TreeGuard>();
// SIGHUP: the terminal that ran the command was closed
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Whether a process of this host still runs (the holder of a lock file). */
export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the tree's lock (one writer per tree) for the rest of the command; released when it ends. Until then
 * Ctrl-C, SIGTERM and SIGHUP are caught: outside a write they release the lock and exit 130 at once; during a write
 * the change is undone (before the first rename) or finished (after), then the command ends with exit 130.
 * With `optional`, a tree the process cannot write (read-only, no permission) is still read, for a dry run.
 */
export async function lockTree(
  ctx: CliContext,
  root: string,
  command: string,
  opts: { optional?: boolean; display?: string } = {},
): Promise<void> {
  const { acquireTreeLock, environmentError } = await import('../files/index.js');
  const guard: TreeGuard = { root, display: opts.display ?? root, writing: false };
  guards.set(ctx, guard);
  try {
    guard.lock = await acquireTreeLock(root, { pid: process.pid, command, isAlive });
  } catch (err) {
    const cause = err instanceof OcppctlError ? err.cause : err;
    if (!opts.optional || !environmentError(cause, '')) throw err;
    guard.lockError = cause;
    return;
  }
  const lock = guard.lock;
  if (lock.note) ctx.io.stderr.write(`note: ${lock.note}\n`);
  const saved = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const onSignal = (signal: NodeJS.Signals) => {
    if (guard.writing) {
      guard.caught = signal;
      return;
    }
    lock.release();
    process.exit(EXIT.interrupted);
  };
  // process.exit elsewhere (a closed stdout) must not leave the lock behind either
  const onExit = () => lock.release();
  for (const s of SIGNALS) {
    process.removeAllListeners(s);
    process.on(s, onSignal);
  }
  process.on('exit', onExit);
  (ctx.cleanups ??= []).push(() => {
    lock.release();
    process.off('exit', onExit);
    for (const s of SIGNALS) {
      process.off(s, onSignal);
      for (const l of saved.get(s) ?? []) process.on(s, l);
    }
    guards.delete(ctx);
  });
}

/** Runs `work` as a write: a signal meanwhile is held until it ends. Returns the signal caught, if any. */
export async function asWrite<T>(
  ctx: CliContext,
  work: (interrupted: () => boolean) => Promise<T>,
): Promise<{ result: T; caught?: NodeJS.Signals }> {
  const guard = guards.get(ctx);
  if (guard?.lockError) {
    const { environmentError } = await import('../files/index.js');
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the lock's own error unchanged when it is not an environment error
    throw environmentError(guard.lockError, `cannot change ${guard.display}`, '; nothing was changed') ?? guard.lockError;
  }
  if (guard) guard.writing = true;
  try {
    const result = await work(() => guard?.caught !== undefined);
    return { result, caught: guard?.caught };
  } finally {
    if (guard) guard.writing = false;
  }
}

/**
 * The shared start of every command that changes a config tree: take the tree's lock, then load the tree (so a
 * read-modify-write never races another ocppctl), and refuse while an earlier change to it is still half done
 * (ocppctl recover). The journal found under the lock is one of a process that has ended.
 */
export async function loadForEdit(ctx: CliContext, config: string, command = 'edit'): Promise<ConfigTree> {
  const { loadConfigTree } = await import('../model/index.js');
  const { assertNoInterruptedChange } = await import('../files/index.js');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- node:path's functions do not use `this`
  const { resolve } = await import('node:path');
  const { statSync } = await import('node:fs');
  const root = resolve(ctx.io.cwd, config);
  // a missing folder or a file: loadConfigTree says so in its own words
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) return loadConfigTree(config, { cwd: ctx.io.cwd });
  await lockTree(ctx, root, command, { optional: true, display: config });
  assertNoInterruptedChange(root, config);
  return loadConfigTree(config, { cwd: ctx.io.cwd });
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
  const { checkPlan } = await import('../plan/index.js');
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
  if (check.existing.length > 0)
    io.stderr.write(
      `note: ${tree.displayRoot} already had ${check.existing.length} error(s) before this change (ocppctl validate ${tree.displayRoot})\n`,
    );
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
  const signalAt = io.env.OCPPCTL_TEST_SIGNAL_AT_STEP;
  let caught: NodeJS.Signals | undefined;
  try {
    ({ caught } = await asWrite(ctx, (interrupted) =>
      applyPlan(plan, {
        // test hooks: a real SIGKILL (kill-safety tests) or a SIGINT (signal tests) to this process at a chosen step
        onStep: crashAt
          ? (step) => step === Number(crashAt) && process.kill(process.pid, 'SIGKILL')
          : signalAt
            ? (step) =>
                step === Number(signalAt) && process.kill(process.pid, io.env.OCPPCTL_TEST_SIGNAL === 'SIGTERM' ? 'SIGTERM' : 'SIGINT')
            : undefined,
        interrupted,
      }),
    ));
  } catch (err) {
    // a read-only tree or a full disk is the user's to fix, not a bug; applyPlan has undone what it began
    if (err instanceof OcppctlError) throw err;
    const plain = errnoReason(err) ?? environmentError(err);
    if (plain) throw new OcppctlError('INPUT', `cannot change ${tree.displayRoot}: ${plain}; nothing was changed`, { cause: err });
    throw err;
  }
  for (const c of plan.changes)
    io.stdout.write(`${c.kind === 'create' ? 'created' : c.kind === 'delete' ? 'deleted' : 'updated'} ${c.file}\n`);
  sayWarnings();
  if (caught)
    throw new OcppctlError(
      'INTERRUPTED',
      `interrupted (${caught}) while the files were being replaced; the change was completed first, so every file is written`,
    );
  return EXIT.ok;
}

/** A secret from the environment; --password-env names the variable so the value never appears in argv or shell history. */
