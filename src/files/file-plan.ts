import { existsSync, readFileSync } from 'node:fs';
import { link, copyFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { OcppctlError } from '../errors.js';
import { writeAtomic } from './atomic-write.js';
import { siblingPath } from './sibling-path.js';
import { safeJoin } from './safe-path.js';

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

/**
 * Applies every change or none. Temp files and backups (hard links of the old files) are written first,
 * then the journal switches to "committing" and the renames run. A kill before that point leaves every
 * file untouched; a kill during the renames leaves a journal from which `recoverPlan` finishes or undoes it.
 */
export async function applyPlan(plan: FilePlan, opts: { onStep?: (step: number) => void } = {}): Promise<void> {
  // crash tests stop the process at each numbered step to prove every state in between is recoverable
  let step = 0;
  const stepDone = () => opts.onStep?.(++step);
  assertNoInterruptedChange(plan.root);
  // slot numbers and names from flags, prompts and legacy blobs become file names: never write outside the tree
  for (const c of plan.changes) safeJoin(plan.root, relative(plan.root, c.path));
  for (const c of plan.changes) {
    const now = existsSync(c.path) ? readFileSync(c.path, 'utf8') : undefined;
    const expected = c.kind === 'create' ? undefined : c.before;
    if (now !== expected) {
      throw new OcppctlError('REFUSED', `${c.file} changed while ocppctl was working (or already exists); nothing was written, run the command again`);
    }
  }
  const rel = (p: string) => relative(plan.root, p);
  const entries: JournalEntry[] = plan.changes.map((c) => ({
    kind: c.kind,
    path: rel(c.path),
    temp: c.kind === 'delete' ? undefined : rel(siblingPath(c.path, 'tmp')),
    backup: c.kind === 'create' ? undefined : rel(siblingPath(c.path, 'bak')),
  }));
  const journal: Journal = { command: plan.command, state: 'preparing', entries };
  const abs = (p: string) => join(plan.root, p);
  await writeAtomic(journalPath(plan.root), JSON.stringify(journal, null, 2) + '\n');
  stepDone();
  try {
    for (const [i, c] of plan.changes.entries()) {
      const e = entries[i];
      if (e.temp && c.kind !== 'delete') await writeFile(abs(e.temp), c.after, { flag: 'wx', flush: true });
      if (e.backup) await linkOrCopy(c.path, abs(e.backup));
      stepDone();
    }
    journal.state = 'committing';
    await writeAtomic(journalPath(plan.root), JSON.stringify(journal, null, 2) + '\n');
    stepDone();
  } catch (err) {
    await undoEntries(plan.root, journal);
    throw err;
  }
  try {
    for (const e of entries) {
      if (e.kind === 'delete') await rm(abs(e.path));
      else await rename(abs(e.temp!), abs(e.path));
      stepDone();
    }
  } catch (err) {
    await undoEntries(plan.root, journal);
    throw err;
  }
  // a kill while the backups are being removed must not look like a change that can still be undone
  journal.state = 'done';
  await writeAtomic(journalPath(plan.root), JSON.stringify(journal, null, 2) + '\n');
  await cleanUp(plan.root, journal);
}

async function linkOrCopy(from: string, to: string) {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

async function cleanUp(root: string, journal: Journal) {
  for (const e of journal.entries) {
    if (e.temp) await rm(join(root, e.temp), { force: true });
    if (e.backup) await rm(join(root, e.backup), { force: true });
  }
  await rm(journalPath(root), { force: true });
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

function readJournal(root: string): Journal | undefined {
  const path = journalPath(root);
  if (!existsSync(path)) return undefined;
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as Journal;
    if (!Array.isArray(j.entries) || !['preparing', 'committing', 'done'].includes(j.state)) throw new Error('bad shape');
    return j;
  } catch {
    throw new OcppctlError('INPUT', `${path} is not an ocppctl journal; remove it by hand if no ocppctl command is running`);
  }
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
  throw new OcppctlError('REFUSED', `an interrupted "${found.command}" left ${JOURNAL} in ${configArg} (files: ${found.files.join(', ')}); ${how}`);
}

/** Completes or rolls back an interrupted change; returns what it did, or undefined when there was nothing. */
export async function recoverPlan(root: string, mode: 'finish' | 'undo'): Promise<InterruptedChange | undefined> {
  const j = readJournal(root);
  if (!j) return undefined;
  if (mode === 'undo' && j.state === 'done') {
    throw new OcppctlError('REFUSED', `the interrupted "${j.command}" had already written every file, so it cannot be undone; run with --finish to remove what it left behind`);
  }
  if (mode === 'finish' && j.state === 'preparing') {
    throw new OcppctlError('REFUSED', `the interrupted "${j.command}" had not started changing files, so it cannot be finished; use --undo`);
  }
  if (mode === 'finish') await finishEntries(root, j);
  else await undoEntries(root, j);
  return { command: j.command, canFinish: j.state !== 'preparing', canUndo: j.state !== 'done', files: j.entries.map((e) => e.path) };
}
