import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openDatabase } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OcppctlError } from '../errors.js';
import { displayPath, loadConfigTree } from '../model/index.js';
import { applyPlan } from './apply-plan.js';
import { emptyDbState } from './db-state.js';
import type { DbState } from './db-state.js';
import { readLibocppConfig } from './libocpp-config.js';
import { createSchema, SCHEMA_VERSION, upgradeSchema } from './schema.js';
import {
  abandon,
  commitAndClose,
  environmentError,
  sqliteError,
  followLinks,
  openExisting,
  openForReading,
  openLocked,
  readDeviceModel,
} from './station-db.js';
import { planUpdate } from './update-plan.js';
import type { UpdatePlan } from './update-plan.js';

export interface InitDbOptions {
  config: string;
  db: string;
  cwd?: string;
  /** libocpp's built-in OCPP16LegacyCtrlr fallback (default on, as the EVerest OCPP module runs it). */
  legacyCtrlr?: boolean;
  /** Component files larger than this are not read (a json-syntax error, so a refusal). */
  maxFileSize?: number;
  /** Also refuse on any `validate` error. */
  strict?: boolean;
  /** Compute what would change; write nothing. */
  plan?: boolean;
  /**
   * The database is known to be closed: skip SQLite's lock and replace the file with an updated copy (for a
   * lock that cannot be had, such as a stale lock on a network file system). Corrupts the file of a running station.
   */
  forceOffline?: boolean;
  /** How long to wait for SQLite's lock on an existing database (default LOCK_TIMEOUT_MS). */
  lockTimeoutMs?: number;
  /** Called at each point where a kill must leave the old file intact (the kill-safety test stops there). */
  onStep?: () => void;
}

export interface InitDbResult {
  /** refused: the config is one libocpp would not build (see diagnostics); nothing was written. */
  status: 'refused' | 'planned' | 'created' | 'updated';
  db: string;
  /** Refusals (errors) and files libocpp skips (warnings). */
  diagnostics: Diagnostic[];
  files: number;
  plan?: UpdatePlan;
}

/**
 * Builds or updates the device-model database as libocpp's initializer would. A new database is built in a
 * temporary file and linked into place; an existing one is updated in place, in one transaction under SQLite's
 * exclusive lock, as libocpp updates it (a station that has the file open keeps a consistent file).
 */
export async function initDb(opts: InitDbOptions): Promise<InitDbResult> {
  // path.resolve falls back to the working directory itself; the library never reads process state
  const cwd = resolve(opts.cwd ?? '.');
  const tree = loadConfigTree(opts.config, { cwd, maxFileSize: opts.maxFileSize });
  const config = readLibocppConfig(tree);
  let diagnostics = [...config.errors, ...config.warnings];
  if (opts.strict) {
    // the rules load only when asked for: a plain build needs none of them
    const { validateTree } = await import('../rules/validate.js');
    // every validate error refuses. Where both found the same thing (file, pointer, rule), the more severe one
    // stays: a warning of ours (a file without properties) must never hide validate's error
    const id = (d: Diagnostic) => `${d.file}\u0000${d.pointer}\u0000${d.ruleId}`;
    const rank = { error: 2, warning: 1, info: 0 } as const;
    const found = validateTree(tree);
    const worst = new Map<string, number>();
    for (const d of [...diagnostics, ...found]) worst.set(id(d), Math.max(worst.get(id(d)) ?? 0, rank[d.severity]));
    const top = (d: Diagnostic) => rank[d.severity] === worst.get(id(d));
    const ours = new Set(diagnostics.filter(top).map(id));
    diagnostics = [...diagnostics.filter(top), ...found.filter((d) => top(d) && !ours.has(id(d)))];
  }
  const named = resolve(cwd, opts.db);
  const db = displayPath(resolve(cwd), named);
  const base = { db, diagnostics, files: tree.files.length };
  if (diagnostics.some((d) => d.severity === 'error')) return { status: 'refused', ...base };

  // a --db that is a symbolic link is written through to its target; the link stays
  const dbPath = followLinks(named, db);
  const exists = existsSync(dbPath);
  if (exists && statSync(dbPath).isDirectory()) throw new OcppctlError('INPUT', `${db} is a folder; --db needs a database file`);
  const planFor = (state: DbState) => planUpdate(state, config.components, { legacyCtrlr: opts.legacyCtrlr });
  const step = opts.onStep ?? (() => {});
  try {
    if (opts.plan) return { status: 'planned', ...base, plan: planFor(exists ? readForPlan(dbPath, db) : emptyDbState()) };
    removeStaleTemps(dbPath);
    let plan: UpdatePlan;
    if (!exists) create(dbPath, db, (plan = planFor(emptyDbState())), step);
    else if (opts.forceOffline) plan = replaceOffline(dbPath, db, planFor, step);
    else plan = updateInPlace(dbPath, db, planFor, step, opts.lockTimeoutMs);
    step();
    return { status: exists ? 'updated' : 'created', ...base, plan };
  } catch (err) {
    throw environmentError(err, dbPath, db) ?? sqliteError(err, db) ?? err;
  }
}

function readForPlan(path: string, display: string): DbState {
  const db = openForReading(path, display);
  try {
    return readDeviceModel(db, display);
  } finally {
    db.close();
  }
}

// libocpp updates its database in place, in one transaction, with the station's connection the only one. We do
// the same under SQLite's exclusive lock: it is refused while a station has the file open, and while we hold it
// no station can read or write. The state is read under the lock, so a station's last write is planned with.
// A kill before COMMIT leaves the old database (SQLite drops the unfinished transaction); after, the new one.
function updateInPlace(path: string, display: string, planFor: (s: DbState) => UpdatePlan, step: () => void, timeout?: number): UpdatePlan {
  const db = openLocked(
    path,
    display,
    timeout,
    'Stop the station and rerun (--force-offline only for a file you know no program has open)',
  );
  try {
    const state = readDeviceModel(db, display);
    const plan = planFor(state);
    step();
    if (state.userVersion < SCHEMA_VERSION) upgradeSchema(db, state.userVersion);
    applyPlan(db, plan, step);
    step();
    commitAndClose(db);
    return plan;
  } catch (err) {
    abandon(db);
    throw err;
  }
}

// A hidden sibling for the build: same folder (the link and rename are atomic), and short enough that the
// name and its -journal/-wal stay within the file system's 255 bytes even for a long database name
function tempPath(path: string): string {
  return join(
    dirname(path),
    `.${tempStem(path)}.${Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')}.tmp`,
  );
}

function tempStem(path: string): string {
  let stem = basename(path);
  while (Buffer.byteLength(stem) > 200) stem = stem.slice(0, -1);
  return stem;
}

// A run killed before its rename leaves its hidden temp file (and maybe that file's -wal) behind; they belong
// to nobody, so the next run clears them
function removeStaleTemps(path: string) {
  const prefix = `.${tempStem(path)}.`;
  const temp = /^[0-9a-f]{8}\.tmp(-wal|-shm|-journal)?$/;
  for (const name of readdirSync(dirname(path)))
    if (name.startsWith(prefix) && temp.test(name.slice(prefix.length))) rmSync(join(dirname(path), name), { force: true });
}

const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

function removeTemp(tmp: string) {
  for (const p of [tmp, ...sidecars(tmp)]) rmSync(p, { force: true });
}

// The temporary file is private until the rename, so it is built without a journal or fsyncs (a failure
// deletes it) and made durable once, by the fsync before the rename. Switching to WAL at the end writes WAL
// into the header, as libocpp's file has it; closing removes the then empty -wal, so the file stands alone.
function openForBuild(tmp: string, mustExist: boolean): SqliteDatabase {
  const db = openDatabase(tmp, { fileMustExist: mustExist });
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  return db;
}

function finish(db: SqliteDatabase, tmp: string) {
  db.pragma('journal_mode = WAL');
  db.close();
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function create(path: string, display: string, plan: UpdatePlan, step: () => void) {
  const tmp = tempPath(path);
  try {
    const db = openForBuild(tmp, false);
    try {
      step();
      db.transaction(() => {
        createSchema(db);
        step();
        applyPlan(db, plan, step);
      })();
      step();
      finish(db, tmp);
    } finally {
      if (db.open) db.close();
    }
    step();
    // no database here yet: a -wal or -shm left beside the name belongs to no file and would be replayed into ours
    for (const p of sidecars(path)) rmSync(p, { force: true });
    placeNew(tmp, path, display);
  } catch (err) {
    removeTemp(tmp);
    throw err;
  }
}

// A link, unlike a rename, never replaces a file: a database that another program created meanwhile (a
// station starting, another init-db) is kept and ours dropped. File systems without hard links get the rename.
function placeNew(tmp: string, path: string, display: string) {
  try {
    linkSync(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new OcppctlError(
        'REFUSED',
        `${display} was created by another program while init-db ran; nothing was written, rerun to update it`,
      );
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    renameSync(tmp, path);
    return;
  }
  rmSync(tmp, { force: true });
}

// --force-offline: the old way, for a file no program has open. The copy takes the original's mode and (where
// the process may) its owner, so a 0600 file of the station's user stays one.
function replaceOffline(path: string, display: string, planFor: (s: DbState) => UpdatePlan, step: () => void): UpdatePlan {
  const source = openOffline(path, display);
  let state: DbState;
  let bytes: Buffer;
  try {
    state = readDeviceModel(source, display);
    // fold a -wal into the file first: the renamed copy must not sit next to a journal of the old file
    source.pragma('wal_checkpoint(TRUNCATE)');
    bytes = source.serialize();
  } finally {
    source.close();
  }
  const plan = planFor(state);
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    keepModeAndOwner(path, tmp);
    step();
    const db = openForBuild(tmp, true);
    try {
      db.transaction(() => {
        if (state.userVersion < SCHEMA_VERSION) upgradeSchema(db, state.userVersion);
        step();
        applyPlan(db, plan, step);
      })();
      step();
      finish(db, tmp);
    } finally {
      if (db.open) db.close();
    }
    step();
    renameSync(tmp, path);
  } catch (err) {
    removeTemp(tmp);
    throw err;
  }
  return plan;
}

// Exclusive where the lock is free, so that no -shm is made (on a full disk one would be left behind); a lock that
// cannot be had is what --force-offline is for, so then a shared reader
function openOffline(path: string, display: string): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    db = openDatabase(path, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('schema_version');
    return db;
  } catch {
    db?.close();
    return openExisting(path, display);
  }
}

function keepModeAndOwner(original: string, copy: string) {
  const st = statSync(original);
  chmodSync(copy, st.mode & 0o7777);
  try {
    chownSync(copy, st.uid, st.gid);
  } catch (err) {
    // only root may give a file away; anyone else keeps their own
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}
