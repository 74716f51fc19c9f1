import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { SHIPPED, shippedCopy } from '../support/port-b-trees.js';
import { exactTables, naturalRows } from './device-model-rows.js';

const CONFIG = join(REFERENCE, 'everest-component-config');
const LIBOCPP_DB = join(REFERENCE, 'libocpp-device-model-db/component_config.db');

const tempDir = () => mkdtempSync(join(tmpdir(), 'ocppctl-init-db-'));

test("the EVerest config builds the same database as libocpp's own initializer, row by row and id by id", needsReference, async () => {
  const dir = tempDir();
  try {
    const db = join(dir, 'device_model_storage.db');
    const r = await runCli(['init-db', '--config', CONFIG, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(naturalRows(db), naturalRows(LIBOCPP_DB));
    assert.deepEqual(exactTables(db), exactTables(LIBOCPP_DB));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// What follows holds for any config: each test runs on the project's shipped tree (no ../shared needed), and the
// ones that may differ with a larger tree run on EVerest's config too where the reference is present.
const CONFIGS = [
  ['the shipped config', SHIPPED, {}],
  ["EVerest's config", CONFIG, needsReference],
] as const;

for (const [what, CONFIG, options] of CONFIGS)
  test(`a new database is complete on its own, in WAL mode with nothing beside it: ${what}`, options, async () => {
    const dir = tempDir();
    try {
      const db = join(dir, 'device_model_storage.db');
      const r = await runCli(['init-db', '--config', CONFIG, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      // header says WAL (bytes 18 and 19 are 2), no -wal or temp file beside it
      const header = readFileSync(db).subarray(18, 20);
      assert.deepEqual([...header], [2, 2]);
      assert.deepEqual(readdirSync(dir), ['device_model_storage.db']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

for (const [what, CONFIG, options] of CONFIGS)
  test(`running init-db again on its own result changes nothing: ${what}`, options, async () => {
    const dir = tempDir();
    try {
      const db = join(dir, 'dm.db');
      assert.equal((await runCli(['init-db', '--config', CONFIG, '--db', db])).code, 0);
      const before = exactTables(db);
      const plan = await runCli(['init-db', '--config', CONFIG, '--db', db, '--plan', '--format', 'json']);
      assert.equal(plan.code, 0);
      const out = JSON.parse(plan.stdout);
      assert.equal(out.status, 'planned');
      assert.deepEqual(out.changes, []);
      assert.deepEqual(out.kept, []);
      const stylish = await runCli(['init-db', '--config', CONFIG, '--db', db, '--plan']);
      assert.match(stylish.stdout, /^nothing to change: .*dm\.db already holds what the config says\n$/);
      const again = await runCli(['init-db', '--config', CONFIG, '--db', db]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /^nothing to change: .*dm\.db already holds what the config says\n$/);
      assert.deepEqual(exactTables(db), before);
      assert.deepEqual(readdirSync(dir), ['dm.db']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test("on a copy of libocpp's own database the EVerest config plans no change", needsReference, async () => {
  const dir = tempDir();
  try {
    const db = join(dir, 'from-libocpp.db');
    copyFileSync(LIBOCPP_DB, db);
    const r = await runCli(['init-db', '--config', CONFIG, '--db', db, '--plan', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).changes, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [what, CONFIG, options] of CONFIGS)
  test(`--plan never creates a file: ${what}`, options, async () => {
    const dir = tempDir();
    try {
      const fresh = join(dir, 'none.db');
      const p = await runCli(['init-db', '--config', CONFIG, '--db', fresh, '--plan']);
      assert.equal(p.code, 0);
      assert.match(p.stdout, /^would create .*none\.db\n {2}\+ component AlignedDataCtrlr/);
      assert.ok(!existsSync(fresh));
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

for (const [what, CONFIG, options] of CONFIGS)
  test(`without OCPP16LegacyCtrlr in the config the built-in one is added, unless --no-legacy-ctrlr: ${what}`, options, async () => {
    const dir = tempDir();
    try {
      const config = join(dir, 'cc');
      cpSync(CONFIG, config, { recursive: true });
      rmSync(join(config, 'standardized/OCPP16LegacyCtrlr.json'));
      const names = (path: string) => {
        const db = new Database(path, { readonly: true });
        const rows = db.prepare('SELECT NAME FROM COMPONENT').all() as { NAME: string }[];
        db.close();
        return rows.map((r) => r.NAME);
      };
      const withBuiltIn = join(dir, 'a.db');
      assert.equal((await runCli(['init-db', '--config', config, '--db', withBuiltIn])).code, 0);
      assert.ok(names(withBuiltIn).includes('OCPP16LegacyCtrlr'));
      // the built-in one equals EVerest's file, so from EVerest's config the database is libocpp's again
      if (CONFIG !== SHIPPED) assert.deepEqual(naturalRows(withBuiltIn), naturalRows(LIBOCPP_DB));
      const without = join(dir, 'b.db');
      assert.equal((await runCli(['init-db', '--config', config, '--db', without, '--no-legacy-ctrlr'])).code, 0);
      assert.ok(!names(without).includes('OCPP16LegacyCtrlr'));
      // and an update with --no-legacy-ctrlr removes the one an earlier run added
      const r = await runCli(['init-db', '--config', config, '--db', withBuiltIn, '--no-legacy-ctrlr']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /- component OCPP16LegacyCtrlr/);
      assert.ok(!names(withBuiltIn).includes('OCPP16LegacyCtrlr'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('values are stored as libocpp stores them: number text as written, limits through a 32-bit float', async () => {
  const dir = tempDir();
  try {
    const config = join(dir, 'cc');
    const file = join(config, 'standardized/NumCtrlr.json');
    shippedCopy(config);
    writeFileSync(
      file,
      JSON.stringify({ name: 'NumCtrlr', properties: {} }).replace(
        '{}',
        `{"Dec": {"variable_name": "Dec", "characteristics": {"dataType": "decimal", "supportsMonitoring": true, "maxLimit": 0.1, "minLimit": 1e2},
           "attributes": [{"type": "Actual", "value": 60.0}, {"type": "Target", "value": 1.5E3}], "default": 2},
          "Arr": {"variable_name": "Arr", "characteristics": {"dataType": "string", "supportsMonitoring": false},
           "attributes": [{"type": "Actual"}], "default": {"b": [1.0, true], "a": null}},
          "Str": {"variable_name": "Str", "instance": "", "characteristics": {"dataType": "string", "supportsMonitoring": false},
           "attributes": [{"type": "Actual", "value": "x"}]}}`,
      ),
    );
    const db = join(dir, 'n.db');
    const r = await runCli(['init-db', '--config', config, '--db', db]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const conn = new Database(db, { readonly: true });
    const value = (name: string, type: number) =>
      (
        conn
          .prepare(
            'SELECT a."VALUE" AS v FROM VARIABLE_ATTRIBUTE a JOIN VARIABLE v ON a.VARIABLE_ID = v.ID WHERE v.NAME = ? AND a.TYPE_ID = ?',
          )
          .get(name, type) as { v: string }
      ).v;
    assert.equal(value('Dec', 0), '60.0');
    assert.equal(value('Dec', 1), '1500.0');
    assert.equal(value('Arr', 0), '{"a":null,"b":[1.0,true]}');
    const limits = conn
      .prepare(
        `SELECT MAX_LIMIT AS maxl, MIN_LIMIT AS minl FROM VARIABLE_CHARACTERISTICS c JOIN VARIABLE v ON c.VARIABLE_ID = v.ID WHERE v.NAME = 'Dec'`,
      )
      .get() as { maxl: number; minl: number };
    assert.equal(limits.maxl, Math.fround(0.1));
    assert.notEqual(limits.maxl, 0.1);
    assert.equal(limits.minl, 100);
    const instance = conn.prepare(`SELECT INSTANCE FROM VARIABLE WHERE NAME = 'Str'`).get() as { INSTANCE: string | null };
    assert.equal(instance.INSTANCE, null);
    conn.close();
    // an empty instance is matched again on the next run instead of being inserted twice (libocpp duplicates it)
    assert.equal((await runCli(['init-db', '--config', config, '--db', db])).code, 0);
    const again = new Database(db, { readonly: true });
    assert.equal((again.prepare(`SELECT COUNT(*) AS n FROM VARIABLE WHERE NAME = 'Str'`).get() as { n: number }).n, 1);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database from a newer libocpp (user_version 4) is refused and left as it is', async () => {
  const dir = tempDir();
  try {
    const db = join(dir, 'new.db');
    const conn = new Database(db);
    conn.exec('CREATE TABLE COMPONENT (ID INTEGER PRIMARY KEY)');
    conn.pragma('user_version = 4');
    conn.close();
    const before = readFileSync(db);
    const r = await runCli(['init-db', '--config', SHIPPED, '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /user_version 4, newer than the 3/);
    assert.deepEqual(readFileSync(db), before);
    assert.ok(!existsSync(`${db}-wal`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that is not SQLite is refused with a clear error', async () => {
  const dir = tempDir();
  try {
    const db = join(dir, 'x.db');
    writeFileSync(db, 'not a database at all, just text that is long enough to have a header........');
    const r = await runCli(['init-db', '--config', SHIPPED, '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /x\.db is not a readable SQLite database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
