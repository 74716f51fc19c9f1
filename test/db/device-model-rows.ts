import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { REFERENCE } from '../support/paths.js';

// A device-model database as comparable text: every row under its natural key (component name, evse,
// connector, instance / variable name, instance / attribute type / monitor type and severity), so two files
// compare equal when they hold the same model whatever their row ids.
// Opened read-write, so that closing removes the -wal and -shm any reader of a WAL database creates. The
// reference database is read from a throw-away copy in the temp folder: its own folder must stay verbatim.
function withDb<T>(path: string, read: (db: Database.Database) => T): T {
  const dir = path.startsWith(REFERENCE) ? mkdtempSync(join(tmpdir(), 'ocppctl-ref-db-')) : undefined;
  if (dir) copyFileSync(path, join(dir, basename(path)));
  const db = new Database(dir ? join(dir, basename(path)) : path, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function naturalRows(path: string): string[] {
  return withDb(path, (db) => {
    const rows = db
      .prepare(
        `SELECT c.NAME || '|' || IFNULL(c.EVSE_ID, '-') || '|' || IFNULL(c.CONNECTOR_ID, '-') || '|' || IFNULL(c.INSTANCE, '-') AS comp,
                v.NAME || '|' || IFNULL(v.INSTANCE, '-') AS var, v.SOURCE AS src,
                vc.DATATYPE_ID AS dt, vc.MAX_LIMIT AS maxl, vc.MIN_LIMIT AS minl, vc.SUPPORTS_MONITORING AS sm, vc.UNIT AS unit, vc.VALUES_LIST AS vl
         FROM COMPONENT c LEFT JOIN VARIABLE v ON v.COMPONENT_ID = c.ID LEFT JOIN VARIABLE_CHARACTERISTICS vc ON vc.VARIABLE_ID = v.ID`,
      )
      .all() as Record<string, unknown>[];
    const out = rows.map((r) => JSON.stringify(r));
    const attrs = db
      .prepare(
        `SELECT c.NAME || '|' || IFNULL(c.EVSE_ID, '-') || '|' || IFNULL(c.CONNECTOR_ID, '-') || '|' || IFNULL(c.INSTANCE, '-') AS comp,
                v.NAME || '|' || IFNULL(v.INSTANCE, '-') AS var, a.TYPE_ID AS type, a.MUTABILITY_ID AS mut, a.PERSISTENT AS per, a.CONSTANT AS con,
                a.VALUE_SOURCE AS source, typeof(a."VALUE") AS vt, a."VALUE" AS value
         FROM VARIABLE_ATTRIBUTE a JOIN VARIABLE v ON a.VARIABLE_ID = v.ID JOIN COMPONENT c ON v.COMPONENT_ID = c.ID`,
      )
      .all() as Record<string, unknown>[];
    out.push(...attrs.map((r) => 'attribute ' + JSON.stringify(r)));
    const monitors = db
      .prepare(
        `SELECT c.NAME || '|' || IFNULL(c.EVSE_ID, '-') || '|' || IFNULL(c.CONNECTOR_ID, '-') || '|' || IFNULL(c.INSTANCE, '-') AS comp,
                v.NAME || '|' || IFNULL(v.INSTANCE, '-') AS var, m.TYPE_ID AS type, m.SEVERITY AS sev, m."TRANSACTION" AS tx, m.CONFIG_TYPE_ID AS ct,
                m."VALUE" AS value, m.REFERENCE_VALUE AS ref
         FROM VARIABLE_MONITORING m JOIN VARIABLE v ON m.VARIABLE_ID = v.ID JOIN COMPONENT c ON v.COMPONENT_ID = c.ID`,
      )
      .all() as Record<string, unknown>[];
    out.push(...monitors.map((r) => 'monitor ' + JSON.stringify(r)));
    return out.sort();
  });
}

/** Every table's rows with their ids, plus the schema and user_version: equal only for identical content. */
export function exactTables(path: string): Record<string, unknown[]> {
  return withDb(path, (db) => {
    const out: Record<string, unknown[]> = {
      user_version: [db.pragma('user_version', { simple: true })],
      schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
    };
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[])
      out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return out;
  });
}
