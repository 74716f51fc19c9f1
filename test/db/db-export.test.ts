import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { twoEvseCopy } from '../support/port-b-trees.js';
import { naturalRows } from './device-model-rows.js';

const EVEREST = join(REFERENCE, 'everest-component-config');

// The project's shipped tree with a second EVSE, a fresh copy in the test's folder; it runs without ../shared.
const station = (dir: string) => twoEvseCopy(join(dir, 'config'));

for (const [what, config, counts, options] of [
  ["the project's shipped config with two EVSEs", station, /18 files, 18 components, 100 variables/, {}],
  ["EVerest's config", (_dir: string) => EVEREST, /27 files, 27 components, 355 variables/, needsReference],
] as const) {
  test(`init-db, then db export, then init-db gives a semantically equal database: ${what}`, options, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
    try {
      const first = join(dir, 'first.db');
      assert.equal((await runCli(['init-db', '-c', config(dir), '--db', first])).code, 0);
      const out = join(dir, 'exported');
      // both configs hold a password: the round trip is whole only with it
      const r = await runCli(['db', 'export', '--db', first, '--out', out, '--include-secrets']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, counts);
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
}

test('db export writes the value the station set, with who set it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', station(dir), '--db', db])).code, 0);
    const conn = new Database(db);
    conn
      .prepare(
        `UPDATE VARIABLE_ATTRIBUTE SET "VALUE" = '120', VALUE_SOURCE = 'csms' WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'HeartbeatInterval') AND TYPE_ID = 0`,
      )
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

test('db export refuses a component name with a NUL byte in one clear line, and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', station(dir), '--db', db])).code, 0);
    const conn = new Database(db);
    conn.prepare("UPDATE COMPONENT SET NAME = ? WHERE NAME = 'ClockCtrlr'").run('Clock\0Ctrlr');
    conn.close();
    const out = join(dir, 'exported');
    const r = await runCli(['db', 'export', '--db', db, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ocppctl: refusing a path with a NUL byte/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('exported')),
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init-db, db export, init-db keeps limits beyond float32 (stored as infinity) instead of writing null', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const config = join(dir, 'config');
    twoEvseCopy(config);
    const file = join(config, 'standardized/OCPPCommCtrlr.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    Object.assign(json.properties.HeartbeatInterval.characteristics, { maxLimit: 1e39, minLimit: -3.5e38 });
    chmodSync(file, 0o644);
    writeFileSync(file, JSON.stringify(json, null, 2));
    const first = join(dir, 'first.db');
    assert.equal((await runCli(['init-db', '-c', config, '--db', first])).code, 0);
    const out = join(dir, 'exported');
    assert.equal((await runCli(['db', 'export', '--db', first, '--out', out, '--include-secrets'])).code, 0);
    const exported = JSON.parse(readFileSync(join(out, 'standardized/OCPPCommCtrlr.json'), 'utf8')).properties.HeartbeatInterval
      .characteristics;
    assert.deepEqual([exported.maxLimit, exported.minLimit], [1e39, -1e39]);
    const second = join(dir, 'second.db');
    const r = await runCli(['init-db', '-c', out, '--db', second]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(naturalRows(second), naturalRows(first));
    const conn = new Database(second, { readonly: true });
    const limits = conn
      .prepare(
        "SELECT MAX_LIMIT AS max, MIN_LIMIT AS min FROM VARIABLE_CHARACTERISTICS WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'HeartbeatInterval')",
      )
      .get();
    conn.close();
    assert.deepEqual(limits, { max: Infinity, min: -Infinity });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('db export refuses, with the row, an EVSE id, connector id or limit a component file cannot hold, and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-export-'));
  try {
    const crafted: [string, RegExp][] = [
      [
        "UPDATE COMPONENT SET EVSE_ID = 'x1' WHERE NAME = 'EVSE' AND EVSE_ID = 1",
        /COMPONENT row \d+ \(EVSE\) has EVSE_ID 'x1' and CONNECTOR_ID NULL; a component file needs integers there/,
      ],
      [
        "UPDATE COMPONENT SET CONNECTOR_ID = 1.5 WHERE NAME = 'Connector' AND EVSE_ID = 2",
        /COMPONENT row \d+ \(Connector\) has EVSE_ID 2 and CONNECTOR_ID 1\.5;/,
      ],
      ["UPDATE COMPONENT SET EVSE_ID = 4294967297 WHERE NAME = 'EVSE' AND EVSE_ID = 2", /has EVSE_ID 4294967297 /],
      [
        "UPDATE VARIABLE_CHARACTERISTICS SET MAX_LIMIT = 'lots' WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'HeartbeatInterval')",
        /\(HeartbeatInterval\) has MIN_LIMIT .* and MAX_LIMIT 'lots'; a component file needs numbers there/,
      ],
    ];
    // the config sits apart, so that the folder holds the database alone
    const config = station(mkdtempSync(join(tmpdir(), 'ocppctl-export-config-')));
    for (const [sql, message] of crafted) {
      const db = join(dir, 'station.db');
      rmSync(db, { force: true });
      assert.equal((await runCli(['init-db', '-c', config, '--db', db])).code, 0);
      const conn = new Database(db);
      conn.prepare(sql).run();
      conn.close();
      const r = await runCli(['db', 'export', '--db', db, '--out', join(dir, 'exported')]);
      assert.equal(r.code, 2, sql);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /nothing was written\n$/);
      assert.deepEqual(readdirSync(dir), ['station.db'], sql);
    }
    rmSync(dirname(config), { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
