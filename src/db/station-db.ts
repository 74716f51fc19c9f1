import { accessSync, constants, existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { displayPath } from '../model/index.js';
import { readDbState } from './db-state.js';
import type { DbState } from './db-state.js';
import { SCHEMA_VERSION } from './schema.js';
import { openDatabase } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';

// A station in a write transaction holds SQLite's lock for milliseconds; a running station holds its shared
// lock for as long as it runs. Two seconds covers the first and gives up on the second.
export const LOCK_TIMEOUT_MS = 2000;

/** The existing database a command's --db names: its real file (links followed), and the path to show the user. */
export function existingDbFile(cwd: string, db: string): { path: string; display: string } {
  const named = resolve(cwd, db);
  const display = displayPath(resolve(cwd), named);
  const path = followLinks(named, display);
  if (!existsSync(path)) throw new OcppctlError('INPUT', `no database at ${display}`);
  if (statSync(path).isDirectory()) throw new OcppctlError('INPUT', `${display} is a folder; --db needs a database file`);
  return { path, display };
}

/**
 * The file a --db path names: a symbolic link is followed to its target (which may not exist yet), so that the
 * target is updated or created and the link stays a link.
 */
export function followLinks(path: string, display: string): string {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(p).isSymbolicLink()) return p;
      link = readlinkSync(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return p;
      throw environmentError(err, p, display) ?? err;
    }
    // relative to the folder the link is in, as the kernel resolves it (realpath: that folder may be a link too)
    p = resolve(realpathSync(dirname(p)), link);
  }
  throw new OcppctlError('INPUT', `${display}: too many levels of symbolic links`);
}

/**
 * The versions every database command accepts: libocpp's migrations know 1 to 3 (a file written by an older
 * libocpp is brought to 3), and libocpp refuses 0 ("Database does not support migrations yet") as well as
 * anything it does not know. init-db, migrate --db and db export share this check, so they refuse the same files.
 */
export function checkSchemaVersion(db: SqliteDatabase, display: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new OcppctlError(
      'DB_VERSION_UNSUPPORTED',
      `${display} has user_version ${version}, newer than the ${SCHEMA_VERSION} this ocppctl knows; it was written by a newer libocpp, update ocppctl`,
    );
  if (version < 1)
    throw new OcppctlError(
      'DB_ERROR',
      `${display} has user_version ${version}: not a libocpp device-model database (libocpp's migrations start at 1)`,
    );
  return version;
}

/** The device model of an open database, after the version check; a file without libocpp's tables is refused. */
export function readDeviceModel(db: SqliteDatabase, display: string): DbState {
  checkSchemaVersion(db, display);
  try {
    return readDbState(db);
  } catch (err) {
    throw new OcppctlError('DB_ERROR', `${display} does not have libocpp's device-model tables: ${(err as Error).message}`);
  }
}

/** Opens an existing database and reads its header; every failure is a located input error. */
export function openExisting(path: string, display: string, options: { readonly?: boolean; timeout?: number } = {}): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    db = openDatabase(path, { fileMustExist: true, readonly: options.readonly ?? false, timeout: options.timeout ?? 5000 });
    db.pragma('schema_version'); // reads the header: fails here for a file that is not SQLite
    return db;
  } catch (err) {
    db?.close();
    throw (
      environmentError(err, path, display) ??
      new OcppctlError('DB_ERROR', `${display} is not a readable SQLite database: ${(err as Error).message}`)
    );
  }
}

/**
 * Opens an existing database to read it, read-write where we may: a read-only reader of a WAL database leaves
 * -wal and -shm files behind, while the last read-write connection removes them on close (nothing is written).
 */
export function openForReading(path: string, display: string): SqliteDatabase {
  try {
    return openExisting(path, display);
  } catch (err) {
    if (err instanceof OcppctlError && err.code === 'DB_ERROR') throw err;
  }
  try {
    return openExisting(path, display, { readonly: true });
  } catch (err) {
    // a WAL database on read-only media (a mounted image of a station) cannot be opened in place: SQLite needs
    // to create its -shm. With no -wal to replay, the file alone is the database: read a copy in memory, in
    // rollback mode (bytes 18 and 19 of the header), which an in-memory database needs
    if (!(err instanceof OcppctlError && err.code === 'INPUT') || (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0))
      throw err;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw err;
    }
    if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
    try {
      const db = openDatabase(bytes, { readonly: true });
      db.pragma('schema_version');
      return db;
    } catch {
      throw err;
    }
  }
}

/**
 * Opens an existing database for writing the way a well-behaved SQLite client does, and takes SQLite's own
 * exclusive lock on it (waiting at most `timeout` ms). With locking_mode EXCLUSIVE set before the first access,
 * SQLite keeps the lock on the database file itself until close: it cannot be had while any other connection
 * has the file open and has read it (in WAL mode each such connection holds a shared lock on the file), and no
 * other connection can start reading until we close. Returns with a write transaction open (BEGIN EXCLUSIVE).
 */
export function openLocked(path: string, display: string, timeout = LOCK_TIMEOUT_MS, hint = 'Stop the station and rerun'): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    db = openDatabase(path, { fileMustExist: true, timeout });
    // before anything reads the file: a read in normal locking mode would create the -shm and share it
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('foreign_keys = ON');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db?.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_')))
      throw new OcppctlError(
        'REFUSED',
        `${display} is in use: another program (a running station?) has it open, and SQLite's lock was not free within ${timeout / 1000} s; ` +
          `nothing was written. ${hint}`,
      );
    throw (
      environmentError(err, path, display) ??
      new OcppctlError('DB_ERROR', `${display} is not a readable SQLite database: ${(err as Error).message}`)
    );
  }
}

/**
 * Commits the transaction openLocked began and closes the file as libocpp leaves it: WAL journal mode in the
 * header, and no -wal beside it (the checkpoint folds it into the file; closing the last connection removes it).
 */
export function commitAndClose(db: SqliteDatabase): void {
  db.exec('COMMIT');
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Rolls back what openLocked began (if still open) and closes; never throws over the error being handled. */
export function abandon(db: SqliteDatabase): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // a failed write may have rolled back already; closing releases the rest
  }
  try {
    db.close();
  } catch {
    // closing after a disk error can fail; the lock goes with the process
  }
}

const ERRNO_CAUSES: Record<string, string> = {
  EROFS: 'read-only file system',
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  ENOENT: 'no such file or folder',
};

// SQLite says what failed (cannot open, read-only, I/O error) but not which system call or why; the folder and
// the file system do
function probeCause(path: string): string | undefined {
  if (Buffer.byteLength(basename(path)) > 255) return ERRNO_CAUSES.ENAMETOOLONG;
  const dir = dirname(path);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
  } catch (err) {
    const cause = ERRNO_CAUSES[(err as NodeJS.ErrnoException).code ?? ''];
    if (cause) return cause;
  }
  try {
    if (statfsSync(dir).bavail === 0) return ERRNO_CAUSES.ENOSPC;
  } catch {
    // no statfs here: no cause to name
  }
  return undefined;
}

/** A failed SQLite statement on a database whose transaction was rolled back, as an error of that file. */
export function sqliteError(err: unknown, display: string): OcppctlError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE'))
    return new OcppctlError('DB_ERROR', `${display}: ${(err as Error).message}; nothing was changed`, { cause: err });
  return undefined;
}

/**
 * An error of the machine rather than of ocppctl or the input (read-only, full disk, name too long, no
 * permission) as an input error naming the cause; undefined for anything else.
 */
export function environmentError(err: unknown, path: string, display: string): OcppctlError | undefined {
  if (err instanceof OcppctlError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // ENOENT while writing into a folder that exists: the folder says why (a read-only mount reports it so)
  let cause: string | undefined = code === 'ENOENT' ? (probeCause(path) ?? ERRNO_CAUSES.ENOENT) : ERRNO_CAUSES[code];
  if (!cause && code === 'SQLITE_FULL') cause = ERRNO_CAUSES.ENOSPC;
  if (!cause && /^SQLITE_(READONLY|CANTOPEN|IOERR|PERM)/.test(code)) {
    cause = probeCause(path);
    if (!cause && code.startsWith('SQLITE_READONLY')) cause = 'read-only';
    if (!cause && code.startsWith('SQLITE_IOERR')) cause = `I/O error (${(err as Error).message})`;
  }
  if (!cause) return undefined;
  return new OcppctlError('INPUT', `${display}: ${cause}; nothing was changed`, { cause: err });
}
