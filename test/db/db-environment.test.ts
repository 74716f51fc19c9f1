import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { BIN } from '../support/paths.js';
import { stationCopy } from '../support/port-b-trees.js';

// The project's shipped config shaped as EVerest ships its own (two EVSEs, a legacy blob to migrate): no ../shared
// needed. One copy for the whole file, read only; removed at the end. It sits in /tmp for root and is readable by
// all, as the permission test below runs the CLI as nobody.
const CONFIG = stationCopy(
  join(mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'ocppctl-env-config-')), 'component_config'),
);
chmodSync(dirname(CONFIG), 0o755);
after(() => rmSync(dirname(CONFIG), { recursive: true, force: true }));

// The config with 300 more variables: an update of a database built from it needs many pages
function bigConfig(dir: string): string {
  const config = join(dir, 'big');
  cpSync(CONFIG, config, { recursive: true });
  const file = join(config, 'standardized/OCPPCommCtrlr.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (let i = 0; i < 300; i++) json.properties[`Extra${i}`] = { ...json.properties.MessageTimeout, variable_name: `Extra${i}` };
  chmodSync(file, 0o644);
  writeFileSync(file, JSON.stringify(json));
  return config;
}

async function scratch(fn: (dir: string, db: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-env-'));
  try {
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', CONFIG, '--db', db])).code, 0);
    await fn(dir, db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const setVersion = (db: string, version: number) => {
  const conn = new Database(db);
  conn.pragma(`user_version = ${version}`);
  conn.close();
};

test('init-db, migrate --db and db export refuse the same user_versions (4, 0, -1) with the same message, and touch nothing', async () => {
  await scratch(async (dir, db) => {
    for (const version of [4, 0, -1]) {
      setVersion(db, version);
      const before = readFileSync(db);
      const runs = [
        ['init-db', '-c', CONFIG, '--db', db],
        ['init-db', '-c', CONFIG, '--db', db, '--plan'],
        ['init-db', '-c', CONFIG, '--db', db, '--force-offline'],
        ['migrate', '--db', db],
        ['migrate', '--db', db, '--dry-run'],
        ['db', 'export', '--db', db, '--out', join(dir, 'out')],
      ];
      const messages = new Set<string>();
      for (const args of runs) {
        const r = await runCli(args, { cwd: dir });
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`^ocppctl: station\\.db has user_version ${version}[,:]`), args.join(' '));
        assert.doesNotMatch(r.stderr, /internal error/);
        messages.add(r.stderr);
        assert.ok(readFileSync(db).equals(before), `${args.join(' ')} changed the file`);
      }
      assert.equal(messages.size, 1, [...messages].join(''));
      assert.deepEqual(readdirSync(dir), ['station.db']);
    }
    // a file of an older libocpp (version 2) is accepted by both, and brought to version 3 when written
    setVersion(db, 2);
    assert.equal((await runCli(['migrate', '--db', db])).code, 0);
    setVersion(db, 2);
    assert.equal((await runCli(['init-db', '-c', CONFIG, '--db', db])).code, 0);
    const conn = new Database(db, { readonly: true });
    assert.equal(conn.pragma('user_version', { simple: true }), 3);
    conn.close();
  });
});

test('a --db name too long for the file system is an input error naming the cause, leaving nothing', async () => {
  await scratch(async (dir) => {
    for (const name of ['x'.repeat(300) + '.db', 'y'.repeat(253) + '.db']) {
      const r = await runCli(['init-db', '-c', CONFIG, '--db', join(dir, name)]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /: file name too long; nothing was changed\n$/);
      assert.deepEqual(readdirSync(dir), ['station.db']);
    }
    // a long name whose -wal still fits is built (the temporary file's name is shortened)
    const r = await runCli(['init-db', '-c', CONFIG, '--db', join(dir, 'z'.repeat(240) + '.db')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readdirSync(dir).length, 2);
  });
});

// Mounting needs root (and a kernel that allows it in this container); without, these tests skip with one line
function mount(args: string[]): boolean {
  return spawnSync('mount', args, { stdio: 'ignore' }).status === 0;
}
const umount = (dir: string) => spawnSync('umount', [dir], { stdio: 'ignore' });

test('a full disk during init-db, migrate --db or db export is "disk full", exit 2, with nothing left behind', async (t) => {
  await scratch(async (dir, db) => {
    const full = join(dir, 'full');
    mkdirSync(full);
    if (!mount(['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', full])) {
      t.skip('cannot mount a tmpfs here (needs root); the full-disk case is not tested');
      return;
    }
    try {
      const big = bigConfig(dir);
      const station = join(full, 'station.db');
      copyFileSync(db, station);
      // fill the rest of the file system but a few pages
      const { bavail, bsize } = statfsSync(full);
      writeFileSync(join(full, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 4 * 4096)));
      const before = readFileSync(station);
      const runs = [
        ['init-db', '-c', big, '--db', station],
        ['init-db', '-c', big, '--db', station, '--force-offline'],
        ['init-db', '-c', CONFIG, '--db', join(full, 'new.db')],
        ['migrate', '--db', station],
        ['db', 'export', '--db', db, '--out', join(full, 'exported')],
      ];
      for (const args of runs) {
        const r = await runCli(args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /: disk full; nothing was changed\n$/, args.join(' '));
        assert.doesNotMatch(r.stderr, /internal error|not a readable SQLite database/);
        assert.ok(readFileSync(station).equals(before), `${args.join(' ')} changed the database`);
        assert.deepEqual(readdirSync(full).sort(), ['filler', 'station.db'], `${args.join(' ')} left files behind`);
      }
      // with room again, the same update succeeds
      rmSync(join(full, 'filler'));
      assert.equal((await runCli(['init-db', '-c', big, '--db', station])).code, 0);
      assert.deepEqual(readdirSync(full), ['station.db']);
    } finally {
      umount(full);
    }
  });
});

test('a read-only file system is "read-only file system", exit 2, for every write; reading still works', async (t) => {
  await scratch(async (dir, db) => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    copyFileSync(db, join(ro, 'station.db'));
    if (!mount(['--bind', ro, ro])) {
      t.skip('cannot bind-mount here (needs root); the read-only case is not tested');
      return;
    }
    try {
      assert.ok(mount(['-o', 'remount,bind,ro', ro]));
      const station = join(ro, 'station.db');
      const before = readFileSync(station);
      const big = bigConfig(dir);
      for (const args of [
        ['init-db', '-c', big, '--db', station],
        ['init-db', '-c', big, '--db', station, '--force-offline'],
        ['init-db', '-c', CONFIG, '--db', join(ro, 'new.db')],
        ['migrate', '--db', station],
        ['db', 'export', '--db', db, '--out', join(ro, 'exported')],
      ]) {
        const r = await runCli(args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /: read-only file system; nothing was changed\n$/, args.join(' '));
        assert.ok(readFileSync(station).equals(before));
        assert.deepEqual(readdirSync(ro), ['station.db']);
      }
      // a station's database on read-only media can still be planned against, dry-run migrated and exported
      assert.equal((await runCli(['init-db', '-c', big, '--db', station, '--plan'])).code, 0);
      assert.equal((await runCli(['migrate', '--db', station, '--dry-run'])).code, 0);
      const e = await runCli(['db', 'export', '--db', station, '--out', join(dir, 'exported')]);
      assert.equal(e.code, 0, e.stderr);
      assert.match(e.stdout, /18 components/);
    } finally {
      umount(ro);
    }
  });
});

test('a folder the user may not write is "permission denied", exit 2, leaving nothing', async (t) => {
  // root may write anywhere: run the CLI as nobody in a folder of root's; others get a folder made read-only
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'ocppctl-perm-'));
  try {
    const db = join(dir, 'station.db');
    assert.equal((await runCli(['init-db', '-c', CONFIG, '--db', db])).code, 0);
    chmodSync(dir, asRoot ? 0o755 : 0o555);
    const before = readFileSync(db);
    const run = async (args: string[]) => {
      if (!asRoot) return runCli(args);
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', uid: 65534, gid: 65534, env: { PATH: process.env.PATH } });
      // no such user, or a checkout that user cannot read (a folder above it is 0700): nothing to test here
      if (r.error || /Cannot find module|EACCES: permission denied, (open|scandir|stat) '[^']*\/(bin|dist)\//.test(r.stderr))
        return undefined;
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    };
    for (const args of [
      ['init-db', '-c', CONFIG, '--db', db],
      ['init-db', '-c', CONFIG, '--db', join(dir, 'new.db')],
      ['migrate', '--db', db],
      ['db', 'export', '--db', db, '--out', join(dir, 'exported')],
    ]) {
      const r = await run(args);
      if (!r) {
        t.skip('cannot run a process as another user here');
        return;
      }
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /: permission denied; nothing was changed\n$/, args.join(' '));
      assert.ok(readFileSync(db).equals(before));
      assert.deepEqual(readdirSync(dir), ['station.db']);
    }
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});
