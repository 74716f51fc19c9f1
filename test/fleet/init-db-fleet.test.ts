import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databasePaths } from '../../src/fleet/init-db-fleet.js';
import { isOcppctlError } from '../../src/errors.js';
import { runCli } from '../support/cli.js';
import { makeFleet, names } from './fleet-dir.js';

test('each station database is named after the station path below the fleet folder', () => {
  const jobs = databasePaths(['/f/site-1/cp-7/component_config', '/f/model-x', '/f'], '/f', '/out');
  assert.deepEqual(
    jobs.map((j) => j.db),
    ['/out/site-1/cp-7.db', '/out/model-x.db', '/out/station.db'],
  );
});

test('a database path that would leave the output folder is refused', () => {
  assert.throws(
    () => databasePaths(['/elsewhere/component_config'], '/f', '/out'),
    (e) => isOcppctlError(e) && e.code === 'INPUT',
  );
});

test('init-db --fleet builds one complete database per station with two workers', async () => {
  const cwd = makeFleet(names(4).map((name) => ({ name })));
  const r = await runCli(['init-db', '--fleet', 'stations', '--out', 'dbs', '--workers', '2'], { cwd });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /^4 stations: 4 databases written, 0 refused$/m);
  for (const n of names(4)) {
    const db = new Database(join(cwd, 'dbs', n + '.db'), { readonly: true, fileMustExist: true });
    assert.ok((db.prepare('SELECT COUNT(*) FROM COMPONENT').pluck().get() as number) > 10);
    db.close();
  }
});

test('a station libocpp would refuse exits 1, leaves its database unwritten and the others built', async () => {
  const cwd = makeFleet(names(3).map((name, i) => ({ name, broken: i === 1 })));
  const r = await runCli(['init-db', '--fleet', 'stations', '--out', 'dbs', '--format', 'json'], { cwd });
  assert.equal(r.code, 1);
  const { stations } = JSON.parse(r.stdout);
  assert.deepEqual(
    stations.map((s: { status: string }) => s.status),
    ['created', 'refused', 'created'],
  );
  assert.equal(existsSync(join(cwd, 'dbs', 'st-001.db')), false);
});

test('--fleet without --out, and init-db without --db, are usage errors', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-dbfleet-'));
  assert.equal((await runCli(['init-db', '--fleet', '.'], { cwd })).code, 2);
  const r = await runCli(['init-db'], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--db <file>/);
});
