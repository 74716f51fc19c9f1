import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { BIN } from '../support/paths.js';
import { stationCopy } from '../support/port-b-trees.js';
import { StationConnection } from './station-connection.js';

// Two configs: the project's shipped one shaped as EVerest ships its own (no ../shared needed), and the same with
// a changed default, so that an update has something to write
function configs(dir: string): { a: string; b: string } {
  const a = stationCopy(join(dir, 'a'));
  const b = stationCopy(join(dir, 'b'));
  const file = join(b, 'standardized/OCPPCommCtrlr.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.properties.MessageTimeout.attributes[0].value = 45;
  chmodSync(file, 0o644);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return { a, b };
}

// A fresh read-write connection, closed again: integrity, the two values the tests follow, and what a station
// reading the file would see
function inspect(db: string): { integrity: string; heartbeat: string; messageTimeout: string; journal: string } {
  const conn = new Database(db, { fileMustExist: true });
  try {
    const value = (component: string, variable: string) =>
      (
        conn
          .prepare(
            'SELECT a.VALUE AS v FROM VARIABLE_ATTRIBUTE a JOIN VARIABLE v ON v.ID = a.VARIABLE_ID JOIN COMPONENT c ON c.ID = v.COMPONENT_ID WHERE c.NAME = ? AND v.NAME = ? AND a.TYPE_ID = 0',
          )
          .get(component, variable) as { v: string }
      ).v;
    return {
      integrity: conn.pragma('integrity_check', { simple: true }) as string,
      heartbeat: value('OCPPCommCtrlr', 'HeartbeatInterval'),
      messageTimeout: value('OCPPCommCtrlr', 'MessageTimeout'),
      journal: conn.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    conn.close();
  }
}

async function withStation(fn: (dir: string, db: string, cfg: { a: string; b: string }) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-live-'));
  try {
    const cfg = configs(dir);
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', cfg.a, '--db', db])).code, 0);
    await fn(dir, db, cfg);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const walEmpty = (db: string) => !existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0;

for (const hold of ['begin-read', 'begin-write'] as const) {
  const what = hold === 'begin-read' ? 'a read transaction' : 'BEGIN IMMEDIATE with an uncommitted write';
  test(`init-db refuses (exit 1, file byte-identical) while another process holds ${what}, and updates once it closes`, async () => {
    await withStation(async (_dir, db, cfg) => {
      const configured = inspect(db).heartbeat;
      const station = await StationConnection.open(db);
      try {
        await station.run(hold);
        if (hold === 'begin-write') assert.equal(await station.run('set-heartbeat 120'), '1');
        const before = readFileSync(db);
        const started = Date.now();
        const r = await runCli(['init-db', '-c', cfg.b, '--db', db]);
        assert.equal(r.code, 1, r.stderr);
        assert.match(
          r.stderr,
          /^ocppctl: \S*station\.db is in use: another program \(a running station\?\) has it open.*nothing was written/,
        );
        assert.ok(Date.now() - started < 10_000, 'the wait for the lock is bounded');
        assert.ok(readFileSync(db).equals(before), 'the refused run changed the database file');
        // migrate --db refuses the same way
        const m = await runCli(['migrate', '--db', db]);
        assert.equal(m.code, 1, m.stderr);
        assert.match(m.stderr, /is in use/);
        assert.ok(readFileSync(db).equals(before));

        if (hold === 'begin-read') {
          // the read ends, the connection stays open (a running station): still refused
          await station.run('commit');
          assert.equal((await runCli(['init-db', '-c', cfg.b, '--db', db])).code, 1);
          assert.ok(readFileSync(db).equals(before));
        } else await station.run('commit');
        await station.close();
      } finally {
        station.kill();
      }

      const r = await runCli(['init-db', '-c', cfg.b, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(walEmpty(db), 'a non-empty -wal was left beside the database');
      const s = inspect(db);
      assert.equal(s.integrity, 'ok');
      assert.equal(s.journal, 'wal');
      assert.equal(s.messageTimeout, '45', 'the update was applied');
      // the station's committed write is kept, as libocpp keeps a value whose source is not 'default'
      assert.equal(s.heartbeat, hold === 'begin-write' ? '120' : configured);
    });
  });
}

test('a station connection opened before init-db and idle writes after it: integrity ok, the write is kept', async () => {
  await withStation(async (_dir, db, cfg) => {
    const station = await StationConnection.open(db);
    try {
      const r = await runCli(['init-db', '-c', cfg.b, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(walEmpty(db));
      // the station's connection is on the same file: it sees the update and its write lands in it
      assert.equal(await station.run('set-heartbeat 300'), '1');
      assert.equal(await station.run('integrity'), 'ok');
      // read by another connection while the station still has the file open (its write sits in the -wal)
      const live = inspect(db);
      assert.deepEqual([live.integrity, live.heartbeat, live.messageTimeout], ['ok', '300', '45']);
      await station.close();
    } finally {
      station.kill();
    }
    const s = inspect(db);
    assert.deepEqual([s.integrity, s.heartbeat, s.messageTimeout, s.journal], ['ok', '300', '45', 'wal']);
    // the next init-db keeps the station's value
    assert.equal((await runCli(['init-db', '-c', cfg.a, '--db', db])).code, 0);
    assert.deepEqual([inspect(db).heartbeat, inspect(db).messageTimeout], ['300', '60']);
  });
});

test('a station writing before, during and after repeated init-db runs loses no write and never finds a corrupt file', async () => {
  await withStation(async (_dir, db, cfg) => {
    const initDb = (config: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'init-db', '-c', config, '--db', db], {
          stdio: 'ignore',
          env: { PATH: process.env.PATH },
        });
        child.on('exit', (code) => resolve(code));
      });
    // init-db runs back to back with alternating configs while the station, with libocpp's habit of waiting on a
    // busy database, opens the file for each write: each time it must read back the value it wrote last
    let stop = false;
    const codes: (number | null)[] = [];
    const runs = (async () => {
      for (let i = 0; !stop || i < 3; i++) codes.push(await initDb(i % 2 ? cfg.a : cfg.b));
    })();
    const station = await StationConnection.open(db, 10_000);
    let last = inspect(db).heartbeat;
    try {
      for (let i = 1; codes.length < 6 || i <= 50; i++) {
        const read = await station.run(`cycle ${1000 + i}`);
        assert.equal(read, last, `write of ${last} was lost (after ${codes.length} init-db runs)`);
        last = String(1000 + i);
      }
      stop = true;
      await runs;
      assert.equal(await station.run('integrity'), 'ok');
      await station.close();
    } finally {
      stop = true;
      station.kill();
    }
    assert.ok(
      codes.every((c) => c === 0 || c === 1),
      `init-db exit codes ${codes.join(',')}`,
    );
    assert.ok(codes.includes(0), 'no init-db run got the lock');
    const s = inspect(db);
    assert.deepEqual([s.integrity, s.heartbeat, s.journal], ['ok', last, 'wal']);
    assert.ok(walEmpty(db));
  });
});

test('a database replaced or updated keeps its mode and owner; --force-offline too', async () => {
  await withStation(async (_dir, db, cfg) => {
    chmodSync(db, 0o600);
    // give it to another user, as the station's own user owns its file (only root can; others test the mode)
    let owner = statSync(db).uid;
    try {
      chownSync(db, 65534, 65534);
      owner = 65534;
    } catch {
      // not root: the mode is still checked
    }
    for (const args of [[], ['--force-offline']]) {
      for (const config of [cfg.b, cfg.a]) {
        const r = await runCli(['init-db', '-c', config, '--db', db, ...args]);
        assert.equal(r.code, 0, r.stderr);
        const st = statSync(db);
        assert.equal(st.mode & 0o777, 0o600, `mode after init-db ${args.join(' ')}`);
        assert.equal(st.uid, owner, `owner after init-db ${args.join(' ')}`);
        assert.equal(inspect(db).integrity, 'ok');
        assert.ok(walEmpty(db));
      }
    }
    assert.equal(inspect(db).messageTimeout, '60');
  });
});

test('--force-offline replaces a closed database with an updated copy (and is only for closed files)', async () => {
  await withStation(async (_dir, db, cfg) => {
    const inode = statSync(db).ino;
    const r = await runCli(['init-db', '-c', cfg.b, '--db', db, '--force-offline']);
    assert.equal(r.code, 0, r.stderr);
    assert.notEqual(statSync(db).ino, inode, 'a copy replaced the file');
    assert.deepEqual([inspect(db).integrity, inspect(db).messageTimeout], ['ok', '45']);
    // without it, the file itself is updated: same inode
    const now = statSync(db).ino;
    assert.equal((await runCli(['init-db', '-c', cfg.a, '--db', db])).code, 0);
    assert.equal(statSync(db).ino, now);
  });
});

test('a --db that is a symbolic link is written through to its target, for an update and for a new database', async () => {
  await withStation(async (dir, db, cfg) => {
    const link = join(dir, 'link.db');
    symlinkSync('station.db', link);
    const r = await runCli(['init-db', '-c', cfg.b, '--db', link]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'station.db');
    assert.equal(inspect(db).messageTimeout, '45');
    assert.equal((await runCli(['init-db', '-c', cfg.a, '--db', link, '--force-offline'])).code, 0);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(inspect(db).messageTimeout, '60');
    assert.equal((await runCli(['migrate', '--db', link])).code, 0);
    assert.ok(lstatSync(link).isSymbolicLink());

    // a link to a file that does not exist yet: the target is created
    const dangling = join(dir, 'new-link.db');
    symlinkSync('new-target.db', dangling);
    const c = await runCli(['init-db', '-c', cfg.a, '--db', dangling]);
    assert.equal(c.code, 0, c.stderr);
    assert.ok(lstatSync(dangling).isSymbolicLink());
    assert.equal(inspect(join(dir, 'new-target.db')).integrity, 'ok');
  });
});
