import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { naturalRows } from './device-model-rows.js';

const CONFIG = join(REFERENCE, 'everest-component-config');

test('init-db, then db export, then init-db gives a semantically equal database', needsReference, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const first = join(dir, 'first.db');
    assert.equal((await runCli(['init-db', '-c', CONFIG, '--db', first])).code, 0);
    const out = join(dir, 'exported');
    const r = await runCli(['db', 'export', '--db', first, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /27 files, 27 components, 355 variables/);
    assert.deepEqual(readdirSync(join(out, 'custom')).sort(), ['Connector_1_1.json', 'Connector_2_1.json', 'EVSE_1.json', 'EVSE_2.json']);
    const second = join(dir, 'second.db');
    assert.equal((await runCli(['init-db', '-c', out, '--db', second])).code, 0);
    assert.deepEqual(naturalRows(second), naturalRows(first));
    // the exported tree passes libocpp's checks and names the current values
    const comm = JSON.parse(readFileSync(join(out, 'standardized/OCPPCommCtrlr.json'), 'utf8'));
    assert.equal(comm.properties.HeartbeatInterval.attributes[0].type, 'Actual');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('db export writes the value the station set, with who set it', needsReference, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', CONFIG, '--db', db])).code, 0);
    const conn = new Database(db);
    conn
      .prepare(`UPDATE VARIABLE_ATTRIBUTE SET "VALUE" = '120', VALUE_SOURCE = 'csms' WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'HeartbeatInterval') AND TYPE_ID = 0`)
      .run();
    conn.close();
    const out = join(dir, 'out');
    assert.equal((await runCli(['db', 'export', '--db', db, '--out', out])).code, 0);
    const attr = JSON.parse(readFileSync(join(out, 'standardized/OCPPCommCtrlr.json'), 'utf8')).properties.HeartbeatInterval.attributes[0];
    assert.equal(attr.value, '120');
    assert.equal(attr.value_source, 'csms');
    // an existing, non-empty folder is never overwritten
    const again = await runCli(['db', 'export', '--db', db, '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists and is not an empty folder/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('db export refuses a component name with a NUL byte in one clear line, and writes nothing', needsReference, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', CONFIG, '--db', db])).code, 0);
    const conn = new Database(db);
    conn.prepare("UPDATE COMPONENT SET NAME = ? WHERE NAME = 'ClockCtrlr'").run('Clock\0Ctrlr');
    conn.close();
    const out = join(dir, 'exported');
    const r = await runCli(['db', 'export', '--db', db, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ocppctl: refusing a path with a NUL byte/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('exported')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
