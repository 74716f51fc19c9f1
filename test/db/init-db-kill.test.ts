import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN } from '../support/paths.js';
import { twoEvseCopy } from '../support/port-b-trees.js';

// The project's shipped config with two EVSEs (no ../shared needed): COMPONENTS components
const COMPONENTS = 18;

// A config big enough that a run has hundreds of steps: that tree plus 150 EVSEs with a connector each
function bigConfig(dir: string): string {
  const config = twoEvseCopy(join(dir, 'big'));
  const evse = JSON.parse(readFileSync(join(config, 'custom/EVSE_1.json'), 'utf8'));
  const connector = JSON.parse(readFileSync(join(config, 'custom/Connector_1_1.json'), 'utf8'));
  for (let n = 3; n < 153; n++) {
    writeFileSync(join(config, `custom/EVSE_${n}.json`), JSON.stringify({ ...evse, evse_id: n }));
    writeFileSync(join(config, `custom/Connector_${n}_1.json`), JSON.stringify({ ...connector, evse_id: n }));
  }
  return config;
}

const ocppctl = (args: string[], crashAt?: number) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...(crashAt ? { OCPPCTL_TEST_CRASH_AT_STEP: String(crashAt) } : {}) },
  });

const visible = (dir: string) =>
  readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort();

// read-write: closing it removes the -wal and -shm that any reader of a WAL database creates
function componentCount(path: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return (db.prepare('SELECT COUNT(*) AS n FROM COMPONENT').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('init-db killed (SIGKILL) at any of its steps leaves the previous database (byte-identical) or the complete new one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-kill-'));
  try {
    const config = bigConfig(dir);
    twoEvseCopy(join(dir, 'small'));
    const db = join(dir, 'station.db');
    assert.equal(ocppctl(['init-db', '-c', join(dir, 'small'), '--db', db]).status, 0);
    const old = readFileSync(db);
    const restore = () => {
      writeFileSync(db, old);
      for (const s of ['-wal', '-shm']) rmSync(db + s, { force: true });
    };

    let killed = 0;
    let lastKilled = 0;
    const tryStep = (step: number): boolean => {
      restore();
      const r = ocppctl(['init-db', '-c', config, '--db', db], step);
      if (r.signal !== 'SIGKILL') {
        assert.equal(r.status, 0, r.stderr);
        return false;
      }
      killed++;
      // the update runs in place in one transaction: killed before its COMMIT, the file is the old one byte for
      // byte (the unfinished transaction sits in the -wal and is dropped by the next open); after, the new one
      const untouched = readFileSync(db).equals(old);
      const count = componentCount(db);
      assert.ok(count === COMPONENTS || count === COMPONENTS + 300, `step ${step}: neither old nor new (${count} components)`);
      if (count === COMPONENTS) assert.ok(untouched, `step ${step}: the old database was changed`);
      // componentCount's connection was the last one: closing it folded any -wal into the file
      assert.ok(!existsSync(`${db}-wal`) || readFileSync(`${db}-wal`).length === 0, `step ${step}: -wal left beside the database`);
      assert.deepEqual(visible(dir), ['big', 'small', 'station.db']);
      return true;
    };
    let step = 1;
    for (; tryStep(step); step += step < 5 ? 1 : 61) lastKilled = step;
    // the last steps (commit, checkpoint, rename): find the last kill point between the last killed and the
    // first completed step, then kill just before it too
    let hi = step;
    while (hi - lastKilled > 1) {
      const mid = Math.floor((lastKilled + hi) / 2);
      if (tryStep(mid)) lastKilled = mid;
      else hi = mid;
    }
    for (const s of [lastKilled - 1, lastKilled - 2]) assert.ok(tryStep(s));
    assert.ok(killed >= 12, `only ${killed} kill points`);

    // the next, uninterrupted run clears the hidden leftovers of killed runs and completes
    restore();
    assert.equal(ocppctl(['init-db', '-c', config, '--db', db]).status, 0);
    assert.equal(componentCount(db), COMPONENTS + 300);
    assert.deepEqual(readdirSync(dir).sort(), ['big', 'small', 'station.db']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init-db killed while creating a new database leaves no database under the name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-kill-'));
  try {
    const config = twoEvseCopy(join(dir, 'small'));
    const db = join(dir, 'new.db');
    // the last two steps (commit, rename) come from the number of steps a run of this config takes
    let steps = 16;
    for (; ocppctl(['init-db', '-c', config, '--db', db], steps).signal === 'SIGKILL'; steps++) rmSync(db, { force: true });
    rmSync(db, { force: true });
    for (const step of [1, 2, 3, 15, steps - 2, steps - 1]) {
      const r = ocppctl(['init-db', '-c', config, '--db', db], step);
      assert.equal(r.signal, 'SIGKILL', `step ${step}`);
      assert.ok(!existsSync(db) || componentCount(db) === COMPONENTS, `step ${step}`);
      if (existsSync(db)) rmSync(db);
    }
    assert.equal(ocppctl(['init-db', '-c', config, '--db', db]).status, 0);
    assert.deepEqual(readdirSync(dir).sort(), ['new.db', 'small']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
