import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { initDb } from '../../src/db/index.js';
import { planMigrateDb } from '../../src/slots/migrate-db.js';
import { runCli } from '../support/cli.js';
import { copyConfig } from './config-copy.js';
import { LEGACY_PASSWORD, legacyCopy } from '../support/port-b-trees.js';

// 'shipped' and 'shipped-without-slots': the project's config shaped as EVerest ships its own (legacyCopy), no ../shared
type Source = 'everest-component-config' | 'libocpp-legacy-component-config' | 'shipped' | 'shipped-without-slots';

async function buildDb(name: Source): Promise<string> {
  const config = name === 'shipped' ? legacyCopy() : name === 'shipped-without-slots' ? legacyCopy({ slots: false }) : copyConfig(name);
  const db = join(dirname(config), 'device_model_storage.db');
  assert.equal((await initDb({ config, db })).status, 'created');
  return db;
}

// closed after each read: an open connection holds SQLite's shared lock, and migrate --db refuses to write then
function rows(file: string, where: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT C.INSTANCE AS slot, V.NAME AS name, A.VALUE AS value, A.VALUE_SOURCE AS source FROM VARIABLE_ATTRIBUTE A
       JOIN VARIABLE V ON V.ID = A.VARIABLE_ID JOIN COMPONENT C ON C.ID = V.COMPONENT_ID WHERE ${where} ORDER BY V.NAME`,
      )
      .all() as { slot: string | null; name: string; value: string | null; source: string | null }[];
  } finally {
    db.close();
  }
}
const value = (file: string, slot: string, name: string) =>
  rows(file, `C.NAME = 'NetworkConfiguration' AND C.INSTANCE = '${slot}' AND V.NAME = '${name}'`)[0];
const blob = (file: string) => rows(file, "V.NAME = 'NetworkConnectionProfiles'")[0];

for (const [what, source, identity, password, options] of [
  ["EVerest's config", 'everest-component-config', 'cp001', 'DEADBEEFDEADBEEF', needsReference],
  ['the shipped config', 'shipped', 'cs-0001', LEGACY_PASSWORD, {}],
] as const)
  test(`on a database built from ${what}, migrate writes slot 1 with source internal and clears the blob to ""`, options, async () => {
    const file = await buildDb(source);
    const db = new Database(file);
    const { decision, apply } = planMigrateDb(db, 'db');
    assert.equal(decision.outcome, 'migrated');
    apply();
    db.close();
    assert.deepEqual(value(file, '1', 'OcppCsmsUrl'), { slot: '1', name: 'OcppCsmsUrl', value: 'ws://localhost:9000', source: 'internal' });
    assert.deepEqual(value(file, '1', 'MessageTimeout'), { slot: '1', name: 'MessageTimeout', value: '30', source: 'internal' });
    assert.equal(value(file, '1', 'Identity').value, identity);
    assert.equal(value(file, '1', 'BasicAuthPassword').value, password);
    assert.equal(value(file, '1', 'OcppVersion').value, 'OCPP20');
    assert.deepEqual([blob(file).value, blob(file).source], ['', 'internal']);
    const again = new Database(file);
    assert.equal(planMigrateDb(again, 'db').decision.outcome, 'empty');
    again.close();
  });

for (const [what, source, options] of [
  ['the legacy libocpp config', 'libocpp-legacy-component-config', needsReference],
  ['the shipped config without slot files', 'shipped-without-slots', {}],
] as const)
  test(`on a legacy database without slots (${what}), migrate creates NetworkConfiguration 1 as libocpp does`, options, async () => {
    const file = await buildDb(source);
    const db = new Database(file);
    planMigrateDb(db, 'db').apply();
    db.close();
    const slot = rows(file, "C.NAME = 'NetworkConfiguration' AND C.INSTANCE = '1'");
    assert.equal(slot.length, 28);
    assert.ok(slot.every((r) => r.source === 'internal'));
    assert.equal(value(file, '1', 'OcppCsmsUrl').value, 'ws://localhost:9000');
    assert.equal(value(file, '1', 'HostName').value, null);
    assert.equal(blob(file).value, '');
  });

test('migrate --db refuses a malformed blob and leaves the database unchanged', async () => {
  const file = await buildDb('shipped');
  const db = new Database(file);
  db.prepare(
    "UPDATE VARIABLE_ATTRIBUTE SET VALUE = '[{\"configurationSlot\": 1}]' WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'NetworkConnectionProfiles')",
  ).run();
  db.close();
  const before = rows(file, '1 = 1');
  const r = await runCli(['migrate', '--db', file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /profile 1: connectionData is missing/);
  assert.deepEqual(rows(file, '1 = 1'), before);
  const ok = await runCli(['migrate', '--db', await buildDb('shipped'), '--dry-run']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /BasicAuthPassword = \*\*\*/);
  assert.ok(!ok.stdout.includes(LEGACY_PASSWORD));
});
