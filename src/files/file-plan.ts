import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { link, copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { OcppctlError } from '../errors.js';
import { writeAtomic } from './atomic-write.js';
import { environmentError } from './environment-error.js';
import { writeNewFile } from './new-file.js';
import { holdsSecret } from './secret-content.js';
import { siblingPath } from './sibling-path.js';
import { safeJoin } from './safe-path.js';
import { LOCK } from './tree-lock.js';

export type FileChange =
  | { kind: 'create'; path: string; file: string; after: string }
  | { kind: 'edit'; path: string; file: string; before: string; after: string }
  | { kind: 'delete'; path: string; file: string; before: string };

/** What a command will do to a config tree, computed without touching the disk. */
export interface FilePlan {
  /** Absolute path of the component_config folder; the journal of an unfinished change lives here. */
  root: string;
  /** The command that made the plan, named in the journal so the next run can say what was interrupted. */
  command: string;
  changes: FileChange[];
}

export const JOURNAL = '.ocppctl-journal.json';

interface JournalEntry {
  kind: FileChange['kind'];
  /** Paths relative to the root, so a moved tree can still be recovered. */
  path: string;
  temp?: string;
  backup?: string;
}

interface Journal {
  command: string;
  /**
   * preparing: temp files are being written, nothing is changed yet; committing: renames have started;
   * done: every rename happened and only the backups and the journal remain to be removed, so the backups
   * can no longer all be trusted to exist and the change can only be finished, not undone.
   */
  state: 'preparing' | 'committing' | 'done';
  entries: JournalEntry[];
}

export const journalPath = (root: string) => join(root, JOURNAL);

export interface ApplyOptions {
  /** Called after each numbered step; crash tests stop the process there. */
  onStep?: (step: number) => void;
  /**
   * Asked before each step that comes before the first rename (Ctrl-C, SIGTERM): true undoes what was prepared
   * and throws INTERRUPTED. Once the renames have started the change is always finished, which takes milliseconds.
   */
  interrupted?: () => boolean;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
};

/**
 * The file a change really writes. A component file that is a symbolic link is written through to its target
 * when that lies inside the tree (a link replaced by a copy would leave the real file unchanged); a link
 * leading out of the tree is refused. A deleted link is removed itself, never its target.
 */
function writeTarget(root: string, realRoot: string, c: FileChange): string {
  let st: Stats;
  try {
    st = lstatSync(c.path);
  } catch {
    return c.path;
  }
  if (!st.isSymbolicLink() || c.kind === 'delete') return c.path;
  if (c.kind === 'create')
    throw new OcppctlError('REFUSED', `${c.file} already exists (a symbolic link); nothing was written, remove it or pick another name`);
  let real: string;
  try {
    real = realpathSync(c.path);
  } catch {
    throw new OcppctlError('INPUT', `${c.file} is a symbolic link to a missing file; nothing was written`);
  }
  if (!inside(realRoot, real)) {
    throw new OcppctlError(
      'INPUT',
      `${c.file} is a symbolic link to ${real}, outside ${root}; ocppctl writes through links only inside the tree it was given, so nothing was written (edit the target, or point --config at a tree that holds it)`,
    );
  }
  return real;
}

/**
 * Applies every change or none. Temp files and backups (hard links of the old files) are written first,
 * then the journal switches to "committing" and the renames run. A kill before that point leaves every
 * file untouched; a kill during the renames leaves a journal from which `recoverPlan` finishes or undoes it.
 * The caller holds the tree's lock (acquireTreeLock), so the journal is its own.
 */
export async function applyPlan(plan: FilePlan, opts: ApplyOptions = {}): Promise<void> {
  // crash tests stop the process at each numbered step to prove every state in between is recoverable
  let step = 0;
  const stepDone = () => opts.onStep?.(++step);
  const stopNow = () => opts.interrupted?.() === true;
  assertNoInterruptedChange(plan.root);
  // slot numbers and names from flags, prompts and legacy blobs become file names: never write outside the tree
  for (const c of plan.changes) safeJoin(plan.root, relative(plan.root, c.path));
  const realRoot = realpathSync(plan.root);
  const targets = plan.changes.map((c) => writeTarget(plan.root, realRoot, c));
  for (const c of plan.changes) {
    const now = existsSync(c.path) ? readFileSync(c.path, 'utf8') : undefined;
    const expected = c.kind === 'create' ? undefined : c.before;
    if (now !== expected) {
      throw new OcppctlError(
        'REFUSED',
        `${c.file} changed while ocppctl was working (or already exists); nothing was written, run the command again`,
      );
    }
  }
  const rel = (p: string) => (p.startsWith(realRoot + sep) ? relative(realRoot, p) : relative(plan.root, p));
  const entries: JournalEntry[] = plan.changes.map((c, i) => ({
    kind: c.kind,
    path: rel(targets[i]),
    temp: c.kind === 'delete' ? undefined : rel(siblingPath(targets[i], 'tmp')),
    backup: c.kind === 'create' ? undefined : rel(siblingPath(targets[i], 'bak')),
  }));
  const journal: Journal = { command: plan.command, state: 'preparing', entries };
  const abs = (p: string) => join(plan.root, p);
  let doing = `cannot write ${JOURNAL} in ${plan.root}`;
  const failed = (err: unknown) => environmentError(err, doing, '; nothing was changed') ?? err;
  try {
    await writeAtomic(journalPath(plan.root), JSON.stringify(journal, null, 2) + '\n');
  } catch (err) {
    throw failed(err);
  }
  stepDone();
  try {
    for (const [i, c] of plan.changes.entries()) {
      if (stopNow()) throw interruptedError();
      const e = entries[i];
      doing = `cannot write ${c.file}`;
      if (e.temp && c.kind !== 'delete') {
        const old = c.kind === 'edit' ? statSync(targets[i]) : undefined;
        const folder = old ? undefined : statSync(dirname(targets[i]));
        await writeNewFile(abs(e.temp), c.after, { replaces: old, folder, secret: holdsSecret(c.after) });
      }
      if (e.backup) await linkOrCopy(c.kind === 'delete' ? c.path : targets[i], abs(e.backup));
      stepDone();
    }
    if (stopNow()) throw interruptedError();
    journal.state = 'committing';
    doing = `cannot write ${JOURNAL} in ${plan.root}`;
    await writeAtomic(journalPath(plan.root), JSON.stringify(journal, null, 2) + '\n');
    stepDone();
  } catch (err) {
    await undoEntries(plan.root, journal);
    throw failed(err);
  }
  try {
    for (const [i, e] of entries.entries()) {
      doing = `cannot write ${plan.changes[i].file}`;
      if (e.kind === 'delete') await rm(abs(e.path));
      else await rename(abs(e.temp!), abs(e.path));
      stepDone();
    }
  } catch (err) {
    await undoEntries(plan.root, journal);
    throw failed(err);
  }
  // a kill while the backups are being removed must not look like a change that can still be undone
  journal.state = 'done';
  try {
    await writeAtomic(journalPath(plan.root), JSON.stringify(journal, null, 2) + '\n');
  } catch {
    // a full disk now: every file is already written, so drop the journal first; at worst backups stay behind
    await rm(journalPath(plan.root), { force: true });
  }
  await cleanUp(plan.root, journal);
}

const interruptedError = () => new OcppctlError('INTERRUPTED', 'interrupted before any file was changed; nothing was written');

async function linkOrCopy(from: string, to: string) {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

// the journal is written via a temp file of its own (writeAtomic); a kill at that moment leaves it behind
const JOURNAL_TEMP = /^\.ocppctl-journal\.json\.[0-9a-f-]+\.tmp$/;

async function removeJournalTemps(root: string) {
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const n of names) if (JOURNAL_TEMP.test(n)) await rm(join(root, n), { force: true });
}

/** Removes a temp file or backup if it exists; one whose name is too long for the file system never did. */
async function rmIfThere(path: string) {
  try {
    await rm(path, { force: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENAMETOOLONG') throw err;
  }
}

async function cleanUp(root: string, journal: Journal) {
  for (const e of journal.entries) {
    if (e.temp) await rmIfThere(join(root, e.temp));
    if (e.backup) await rmIfThere(join(root, e.backup));
  }
  await rm(journalPath(root), { force: true });
  await removeJournalTemps(root);
}

async function undoEntries(root: string, journal: Journal) {
  const abs = (p: string) => join(root, p);
  if (journal.state === 'committing') {
    for (const e of journal.entries) {
      const tempLeft = e.temp !== undefined && existsSync(abs(e.temp));
      if (e.kind === 'create') {
        if (!tempLeft) await rm(abs(e.path), { force: true });
      } else if (e.backup && existsSync(abs(e.backup))) {
        // the backup is the old file; renaming it back is atomic, whatever state the target is in
        await rename(abs(e.backup), abs(e.path));
      }
    }
  }
  await cleanUp(root, journal);
}

async function finishEntries(root: string, journal: Journal) {
  const abs = (p: string) => join(root, p);
  for (const e of journal.entries) {
    if (e.kind === 'delete') await rm(abs(e.path), { force: true });
    else if (existsSync(abs(e.temp!))) await rename(abs(e.temp!), abs(e.path));
  }
  await cleanUp(root, journal);
}

const STATES = ['preparing', 'committing', 'done'] as const;
const KINDS = ['create', 'edit', 'delete'] as const;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The journal as written by applyPlan, or a located error. It is input like any file of the tree (a tree from a
 * pull request, a tarball or a shared folder may carry a crafted one), and recover renames and removes what it
 * names: every path must be a plain relative path inside the tree, with no symbolic link leading out, and every
 * temp file and backup a hidden sibling of its file, named the way applyPlan names them.
 */
export function parseJournal(root: string, text: string): Journal {
  const where = journalPath(root);
  const bad = (at: string, what: string) =>
    new OcppctlError(
      'INPUT',
      `${where}: ${at}${what}; nothing was changed (if no ocppctl command is running, inspect the tree and remove ${JOURNAL} by hand)`,
    );
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw bad('', 'is not valid JSON');
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) throw bad('', 'is not a JSON object');
  const { command, state, entries } = j as Record<string, unknown>;
  if (typeof command !== 'string' || !/^[a-z][a-z-]{0,39}$/.test(command)) throw bad('command ', 'must be the name of an ocppctl command');
  if (typeof state !== 'string' || !(STATES as readonly string[]).includes(state))
    throw bad('state ', `must be one of ${STATES.join(', ')}`);
  if (!Array.isArray(entries)) throw bad('entries ', 'must be an array');
  const realRoot = realpathSync(root);
  const checked: JournalEntry[] = entries.map((raw: unknown, i) => {
    const at = `entries[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(at, ' must be an object');
    const { kind, path, temp, backup } = raw as Record<string, unknown>;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind))
      throw bad(`${at}.kind `, `must be one of ${KINDS.join(', ')}`);
    const checkPath = (field: string, p: unknown): string => {
      const loc = `${at}.${field} `;
      if (typeof p !== 'string' || p === '') throw bad(loc, 'must be a non-empty string');
      const shown = JSON.stringify(p.replace(/\0/g, '\\0'));
      if (p.includes('\0')) throw bad(loc, `${shown} holds a NUL byte`);
      if (isAbsolute(p) || /^[a-zA-Z]:/.test(p)) throw bad(loc, `${shown} is an absolute path; only paths inside the tree are allowed`);
      if (p.split(/[/\\]/).includes('..') || normalize(p) !== p)
        throw bad(loc, `${shown} is not a plain path inside the tree (no "..", "." or "//")`);
      if (p === JOURNAL || p === LOCK) throw bad(loc, `${shown} names ocppctl's own bookkeeping file`);
      let full: string;
      try {
        full = safeJoin(root, p);
      } catch {
        throw bad(loc, `${shown} leads outside the tree through a symbolic link`);
      }
      const parent = dirname(full);
      if (existsSync(parent) && !inside(realRoot, realpathSync(parent)))
        throw bad(loc, `${shown} leads outside the tree through a symbolic link`);
      return p;
    };
    const p = checkPath('path', path);
    const sibling = (field: string, value: unknown, ext: string, wanted: boolean): string | undefined => {
      if (!wanted) {
        if (value !== undefined) throw bad(`${at}.${field} `, `must be absent for a ${kind}`);
        return undefined;
      }
      const s = checkPath(field, value);
      const ok = dirname(s) === dirname(p) && new RegExp(`^\\.${escapeRe(basename(p))}\\.[0-9a-f-]+\\.${ext}$`).test(basename(s));
      if (!ok) throw bad(`${at}.${field} `, `${JSON.stringify(s)} is not a ${ext} file of ${JSON.stringify(p)}`);
      return s;
    };
    return {
      kind: kind as JournalEntry['kind'],
      path: p,
      temp: sibling('temp', temp, 'tmp', kind !== 'delete'),
      backup: sibling('backup', backup, 'bak', kind !== 'create'),
    };
  });
  return { command, state: state as Journal['state'], entries: checked };
}

function readJournal(root: string): Journal | undefined {
  const path = journalPath(root);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw environmentError(err, `cannot read ${path}`) ?? new OcppctlError('INPUT', `cannot read ${path}: ${(err as Error).message}`);
  }
  return parseJournal(root, text);
}

export interface InterruptedChange {
  command: string;
  /** Whether the renames had started: only then can the change be finished. */
  canFinish: boolean;
  /** False once every file was written: the change can then only be finished. */
  canUndo: boolean;
  files: string[];
}

export function findInterruptedChange(root: string): InterruptedChange | undefined {
  const j = readJournal(root);
  return j && { command: j.command, canFinish: j.state !== 'preparing', canUndo: j.state !== 'done', files: j.entries.map((e) => e.path) };
}

/** Refuses to start a change on top of an interrupted one, and says how to resolve it. */
export function assertNoInterruptedChange(root: string, configArg = root): void {
  const found = findInterruptedChange(root);
  if (!found) return;
  const how = !found.canUndo
    ? `every file was already written; run "ocppctl recover --config ${configArg} --finish" to remove what it left behind`
    : found.canFinish
      ? `run "ocppctl recover --config ${configArg} --finish" to complete it or "--undo" to restore the old files`
      : `no file was changed yet; run "ocppctl recover --config ${configArg} --undo" to remove its temporary files`;
  throw new OcppctlError(
    'REFUSED',
    `an interrupted "${found.command}" left ${JOURNAL} in ${configArg} (files: ${found.files.join(', ')}); ${how}`,
  );
}

/**
 * Completes or rolls back an interrupted change; returns what it did, or undefined when there was nothing.
 * The caller holds the tree's lock. A journal temp file left by a kill is removed either way.
 */
export async function recoverPlan(root: string, mode: 'finish' | 'undo'): Promise<InterruptedChange | undefined> {
  const j = readJournal(root);
  if (!j) {
    await removeJournalTemps(root);
    return undefined;
  }
  if (mode === 'undo' && j.state === 'done') {
    throw new OcppctlError(
      'REFUSED',
      `the interrupted "${j.command}" had already written every file, so it cannot be undone; run with --finish to remove what it left behind`,
    );
  }
  if (mode === 'finish' && j.state === 'preparing') {
    throw new OcppctlError(
      'REFUSED',
      `the interrupted "${j.command}" had not started changing files, so it cannot be finished; use --undo`,
    );
  }
  try {
    if (mode === 'finish') await finishEntries(root, j);
    else await undoEntries(root, j);
  } catch (err) {
    throw (
      environmentError(
        err,
        `cannot ${mode} the interrupted "${j.command}"`,
        `; ${JOURNAL} is kept, run recover again once that is fixed`,
      ) ?? err
    );
  }
  return { command: j.command, canFinish: j.state !== 'preparing', canUndo: j.state !== 'done', files: j.entries.map((e) => e.path) };
}
