import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';

/** Changes a stored value as a running station does (SetVariables from a CSMS, an internal update). */
export function setStoredValue(db: string, component: string, variable: string, value: string | null, source = 'csms', type = 0): void {
  const conn = new Database(db);
  try {
    const r = conn
      .prepare(
        `UPDATE VARIABLE_ATTRIBUTE SET "VALUE" = ?, VALUE_SOURCE = ? WHERE TYPE_ID = ? AND VARIABLE_ID IN
           (SELECT v.ID FROM VARIABLE v JOIN COMPONENT c ON c.ID = v.COMPONENT_ID WHERE c.NAME = ? AND v.NAME = ?)`,
      )
      .run(value, source, type, component, variable);
    if (r.changes !== 1) throw new Error(`${component}.${variable}: ${r.changes} rows changed, expected 1`);
  } finally {
    conn.close();
  }
}

/** Runs SQL on a database file as a second client would. */
export function onDatabase(db: string, sql: string, ...params: unknown[]): void {
  const conn = new Database(db);
  try {
    conn.prepare(sql).run(...params);
  } finally {
    conn.close();
  }
}

/** Every file of a component_config tree: relative path → bytes. */
export function treeFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const folder of ['standardized', 'custom']) {
    let names: string[];
    try {
      names = readdirSync(join(dir, folder));
    } catch {
      continue;
    }
    for (const name of names.sort()) out.set(`${folder}/${name}`, readFileSync(join(dir, folder, name)));
  }
  return out;
}

export const modeOf = (path: string) => statSync(path).mode & 0o777;

/** A scratch copy of a tree. */
export function copyTree(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ocppctl-like-tree-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** The lines in which two texts differ, as [line number, old, new]; the texts must have the same number of lines. */
export function changedLines(a: string, b: string): [number, string, string][] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length !== y.length) throw new Error(`line counts differ: ${x.length} and ${y.length}`);
  return x.flatMap((line, i) => (line === y[i] ? [] : [[i + 1, line, y[i]] as [number, string, string]]));
}

/** Builds a station's database from `config` with init-db in a scratch folder, runs `body`, removes the folder. */
export async function withStation(config: string, body: (dir: string, db: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-station-'));
  try {
    const db = join(dir, 'device_model_storage.db');
    const init = await runCli(['init-db', '-c', config, '--db', db]);
    assert.equal(init.code, 0, init.stdout + init.stderr);
    await body(dir, db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
