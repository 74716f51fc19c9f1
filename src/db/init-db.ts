import { accessSync, closeSync, constants, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openDatabase } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OcppctlError } from '../errors.js';
import { siblingPath } from '../files/sibling-path.js';
import { displayPath, loadConfigTree } from '../model/index.js';
import { applyPlan } from './apply-plan.js';
import { emptyDbState, readDbState } from './db-state.js';
import type { DbState } from './db-state.js';
import { readLibocppConfig } from './libocpp-config.js';
import { createSchema, SCHEMA_VERSION, upgradeSchema } from './schema.js';
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

/** Builds or updates the device-model database as libocpp's initializer would, atomically. */
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
  const dbPath = resolve(cwd, opts.db);
  const db = displayPath(resolve(cwd), dbPath);
  const base = { db, diagnostics, files: tree.files.length };
  if (diagnostics.some((d) => d.severity === 'error')) return { status: 'refused', ...base };

  const exists = existsSync(dbPath);
  const state = exists ? readExisting(dbPath, db) : emptyDbState();
  const plan = planUpdate(state, config.components, { legacyCtrlr: opts.legacyCtrlr });
  if (opts.plan) return { status: 'planned', ...base, plan };
  const step = opts.onStep ?? (() => {});
  removeStaleTemps(dbPath);
  if (exists) update(dbPath, state, plan, step);
  else create(dbPath, plan, step);
  step();
  return { status: exists ? 'updated' : 'created', ...base, plan };
}

function openDb(path: string, display: string, readonly: boolean): SqliteDatabase {
  try {
    const db = openDatabase(path, { readonly, fileMustExist: true });
    db.pragma('schema_version'); // reads the header: fails here for a file that is not SQLite
    return db;
  } catch (err) {
    throw new OcppctlError('DB_ERROR', `${display} is not a readable SQLite database: ${(err as Error).message}`);
  }
}

function readExisting(path: string, display: string): DbState {
  if (statSync(path).isDirectory()) throw new OcppctlError('INPUT', `${display} is a folder; --db needs a database file`);
  // read-write where we may: a read-only reader of a WAL database leaves -wal and -shm files behind, while the
  // last read-write connection removes them on close (nothing is written to the database itself)
  let db: SqliteDatabase;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    db = openDb(path, display, false);
  } catch (err) {
    if (err instanceof OcppctlError) throw err;
    db = openDb(path, display, true);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new OcppctlError(
        'DB_VERSION_UNSUPPORTED',
        `${display} has user_version ${version}, newer than the ${SCHEMA_VERSION} this ocppctl knows; it was written by a newer libocpp, update ocppctl`,
      );
    // libocpp refuses such a file too ("Database does not support migrations yet")
    if (version === 0) throw new OcppctlError('DB_ERROR', `${display} has user_version 0: not a libocpp device-model database (or one from before migrations)`);
    try {
      return readDbState(db);
    } catch (err) {
      throw new OcppctlError('DB_ERROR', `${display} does not have libocpp's device-model tables: ${(err as Error).message}`);
    }
  } finally {
    db.close();
  }
}

// A run killed before its rename leaves its hidden temp file (and maybe that file's -wal) behind; they belong
// to nobody, so the next run clears them
function removeStaleTemps(path: string) {
  const prefix = `.${basename(path)}.`;
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

function create(path: string, plan: UpdatePlan, step: () => void) {
  const tmp = siblingPath(path, 'tmp');
  try {
    const db = openForBuild(tmp, false);
    step();
    db.transaction(() => {
      createSchema(db);
      step();
      applyPlan(db, plan, step);
    })();
    step();
    finish(db, tmp);
    step();
    // no database here yet: a -wal or -shm left beside the name belongs to no file and would be replayed into ours
    for (const p of sidecars(path)) rmSync(p, { force: true });
    renameSync(tmp, path);
  } catch (err) {
    removeTemp(tmp);
    throw err;
  }
}

function update(path: string, state: DbState, plan: UpdatePlan, step: () => void) {
  // A -wal beside the file holds committed changes: fold them into the file first (any SQLite open would), or
  // the renamed copy would sit next to a journal that belongs to the old file
  if (sidecars(path).slice(0, 1).some((p) => existsSync(p) && statSync(p).size > 0)) {
    const db = openDatabase(path, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const tmp = siblingPath(path, 'tmp');
  try {
    const source = openDatabase(path, { fileMustExist: true });
    const bytes = source.serialize();
    source.close();
    writeFileSync(tmp, bytes, { flag: 'wx' });
    step();
    const db = openForBuild(tmp, true);
    db.transaction(() => {
      if (state.userVersion < SCHEMA_VERSION) upgradeSchema(db, state.userVersion);
      step();
      applyPlan(db, plan, step);
    })();
    step();
    finish(db, tmp);
    step();
    renameSync(tmp, path);
  } catch (err) {
    removeTemp(tmp);
    throw err;
  }
}
