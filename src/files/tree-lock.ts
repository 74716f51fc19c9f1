import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OcppctlError } from '../errors.js';
import { environmentError } from './environment-error.js';

export const LOCK = '.ocppctl-lock';

/** What the lock file holds: enough to tell a live holder from one that died without releasing it. */
export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  started: string;
  /** Linux: the process start time in clock ticks since boot (/proc/PID/stat field 22), so a reused pid is not taken for the holder. */
  procStart?: string;
}

export interface TreeLock {
  path: string;
  /** Set when the lock of a process that had ended was taken over. */
  note?: string;
  /** Removes the lock file if it is still ours; synchronous, so it can run on the way out of a signal. */
  release(): void;
}

export interface LockOptions {
  pid: number;
  command: string;
  /** Whether a process of this host is still running (process.kill(pid, 0) in the CLI). */
  isAlive: (pid: number) => boolean;
  /** How long to wait for another holder before refusing. */
  waitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock file nobody could parse (a holder killed between create and write) counts as stale once this old. */
const UNREADABLE_STALE_MS = 10_000;

export function procStartOf(pid: number): string | undefined {
  try {
    // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readOwner(path: string): LockOwner | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const o = JSON.parse(text) as LockOwner;
    if (Number.isInteger(o.pid) && o.pid > 0 && typeof o.host === 'string') return o;
  } catch {
    // fall through
  }
  return 'unreadable';
}

function ownerEnded(o: LockOwner, isAlive: (pid: number) => boolean): boolean {
  if (o.host !== hostname()) return false; // a process on another machine (a shared folder) cannot be checked
  if (!isAlive(o.pid)) return true;
  const now = o.procStart === undefined ? undefined : procStartOf(o.pid);
  return now !== undefined && now !== o.procStart;
}

/**
 * Takes the advisory lock of a config tree: `.ocppctl-lock` in its root, created with O_EXCL so exactly one
 * ocppctl holds it. Another holder is waited for (bounded), then refused; a holder on this host whose process
 * has ended is replaced, with a note.
 */
export async function acquireTreeLock(root: string, opts: LockOptions): Promise<TreeLock> {
  const path = join(root, LOCK);
  const me: LockOwner = {
    pid: opts.pid,
    host: hostname(),
    command: opts.command,
    started: new Date().toISOString(),
    procStart: procStartOf(opts.pid),
  };
  const text = JSON.stringify(me) + '\n';
  const deadline = Date.now() + (opts.waitMs ?? 2000);
  let note: string | undefined;
  for (;;) {
    if (tryCreate(path, text)) {
      return {
        path,
        note,
        release() {
          const now = readOwner(path);
          if (typeof now === 'object' && now.pid === me.pid && now.started === me.started) unlinkSync(path);
        },
      };
    }
    const owner = readOwner(path);
    if (owner === 'gone') continue;
    const stale = owner === 'unreadable' ? Date.now() - mtimeOf(path) > UNREADABLE_STALE_MS : ownerEnded(owner, opts.isAlive);
    if (stale) {
      if (await breakStaleLock(path, owner, opts)) {
        note =
          owner === 'unreadable'
            ? `removed an unreadable ${LOCK} left by an ocppctl that was stopped`
            : `took over ${LOCK} from ocppctl pid ${owner.pid} (${owner.command}), which ended without releasing it`;
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const who =
        owner === 'unreadable'
          ? 'another ocppctl'
          : `another ocppctl (pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`})`;
      const what = owner === 'unreadable' ? '' : ` (${owner.command}, since ${owner.started})`;
      const remote = owner !== 'unreadable' && owner.host !== hostname() ? `; if no ocppctl runs on ${owner.host}, remove ${path}` : '';
      throw new OcppctlError('REFUSED', `${who} is changing this tree${what}; nothing was written, try again when it is done${remote}`);
    }
    await sleep(opts.pollMs ?? 50);
  }
}

function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw environmentError(err, `cannot lock the tree (${path})`, '; nothing was changed') ?? err;
  }
  try {
    writeSync(fd, text);
  } catch (err) {
    closeSync(fd);
    unlinkSync(path);
    throw environmentError(err, `cannot lock the tree (${path})`, '; nothing was changed') ?? err;
  }
  closeSync(fd);
  return true;
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

/**
 * Two processes that both find the same stale lock must not both remove it: the second would remove the
 * first one's new lock. So breaking needs a second O_EXCL file; whoever holds it checks that the lock is
 * still the stale one before removing it.
 */
async function breakStaleLock(path: string, seen: LockOwner | 'unreadable', opts: LockOptions): Promise<boolean> {
  const guard = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw environmentError(err, `cannot lock the tree (${path})`, '; nothing was changed') ?? err;
    // a breaker killed in these few lines leaves its guard; it is only ever held for a moment
    if (Date.now() - mtimeOf(guard) > 5000) rmQuiet(guard);
    else await sleep(opts.pollMs ?? 50);
    return false;
  }
  closeSync(fd);
  try {
    const now = readOwner(path);
    const same =
      seen === 'unreadable' ? now === 'unreadable' : typeof now === 'object' && now.pid === seen.pid && now.started === seen.started;
    if (!same) return false;
    rmQuiet(path);
    return true;
  } finally {
    rmQuiet(guard);
  }
}

function rmQuiet(path: string) {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
