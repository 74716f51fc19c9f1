import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../support/paths.js';
import { initArgs, runCli } from '../support/cli.js';
import { stationCopy } from '../support/port-a-trees.js';

/** Every file of the tree, hidden ones too (temp files, journal, lock), with its text. */
const snapshot = (dir: string) =>
  new Map(
    ['', 'standardized', 'custom'].flatMap((f) =>
      readdirSync(join(dir, f), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [`${f}/${e.name}`, readFileSync(join(dir, f, e.name), 'utf8')] as [string, string]),
    ),
  );

const addSlot = (dir: string, extra: string[] = []) => [
  'add-slot',
  '-c',
  dir,
  '--url',
  'ws://csms.example.com',
  '--security-profile',
  '1',
  ...extra,
];

function assertUntouched(dir: string, before: Map<string, string>, r: { code: number; stderr: string }, cause: RegExp) {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, cause);
  assert.doesNotMatch(r.stderr, /internal error|report it/);
  assert.deepEqual(snapshot(dir), before, 'the tree changed, or a temp, journal or lock file was left');
}

/** A tmpfs mounted for the test, or the reason it cannot be (not root, no mount in this container). */
function mountTmpfs(options: string): { dir: string; unmount: () => void } | string {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim() || `exit ${r.status}`})`;
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a file name too long for the file system (ENAMETOOLONG) is an input error naming the cause; nothing is left behind', async () => {
  // the component file fits in 255 bytes, its hidden temp sibling (.NAME.xxxxxxxx.tmp) does not
  const dir = await stationCopy();
  const long = join(dir, 'standardized', `${'O'.repeat(240)}.json`);
  renameSync(join(dir, 'standardized/OCPPCommCtrlr.json'), long);
  const before = snapshot(dir);
  assertUntouched(
    dir,
    before,
    await runCli(addSlot(dir)),
    /cannot write .*O{200}.*\.json: a file name is too long for the file system \(ENAMETOOLONG\); nothing was changed/,
  );

  // init: the folder name fits, the temp folder beside it does not
  const parent = mkdtempSync(join(tmpdir(), 'ocppctl-init-'));
  const r = await runCli(initArgs(join(parent, 'c'.repeat(240))));
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot write .*c{200}: a file name is too long for the file system \(ENAMETOOLONG\); nothing was written/);
  assert.deepEqual(readdirSync(parent), []);
});

test('a read-only file system (EROFS) is an input error naming the cause; a dry run still works', async (t) => {
  const mnt = mountTmpfs('size=4m');
  if (typeof mnt === 'string') return t.skip(`EROFS: ${mnt}`);
  try {
    const dir = join(mnt.dir, 'component_config');
    cpSync(await stationCopy(), dir, { recursive: true });
    const remount = spawnSync('mount', ['-o', 'remount,ro', mnt.dir], { encoding: 'utf8' });
    if (remount.status !== 0) return t.skip(`EROFS: cannot remount read-only (${remount.stderr.trim()})`);
    const before = snapshot(dir);
    for (const args of [addSlot(dir), ['remove-slot', '2', '-c', dir], ['migrate', '-c', dir], ['recover', '-c', dir, '--undo']]) {
      const r = await runCli(args);
      if (args[0] === 'migrate' && r.code === 0) continue; // already migrated: nothing to write
      assertUntouched(dir, before, r, /the file system is read-only \(EROFS\)/);
    }
    const dry = await runCli(addSlot(dir, ['--dry-run']));
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\+\+\+ b\/.*NetworkConfiguration_3\.json/);
  } finally {
    mnt.unmount();
  }
});

test('a full disk (ENOSPC) at any point of a write is an input error naming the cause, and the tree is left as it was', async (t) => {
  const mnt = mountTmpfs('size=1m');
  if (typeof mnt === 'string') return t.skip(`ENOSPC: ${mnt}`);
  try {
    const dir = join(mnt.dir, 'component_config');
    cpSync(await stationCopy(), dir, { recursive: true });
    // fill the disk with one-page files, then give back a page at a time until add-slot fits
    mkdirSync(join(mnt.dir, 'filler'));
    const fillers: string[] = [];
    for (let i = 0; ; i++) {
      const f = join(mnt.dir, 'filler', String(i));
      try {
        writeFileSync(f, Buffer.alloc(4096, 1));
      } catch {
        rmSync(f, { force: true });
        break;
      }
      fillers.push(f);
    }
    let full = 0;
    // what each refused run could not write: the lock, the journal, each temp file
    const stages = new Set<string>();
    for (;;) {
      const before = snapshot(dir);
      const r = await runCli(addSlot(dir));
      if (r.code === 0) break;
      full++;
      stages.add(
        /ocppctl-journal/.test(r.stderr)
          ? 'journal'
          : /cannot write to |cannot lock/.test(r.stderr)
            ? 'lock'
            : (/cannot write (\S+):/.exec(r.stderr)?.[1].replace(/.*\//, '') ?? r.stderr),
      );
      assertUntouched(dir, before, r, /the disk is full \(ENOSPC\); nothing was changed/);
      assert.ok(fillers.length > 0, 'add-slot never fitted');
      rmSync(fillers.pop()!);
    }
    assert.ok(full >= 2, `only ${full} full-disk failures`);
    assert.ok(stages.size >= 4, `the disk was full at only ${[...stages].join(', ')}`);
    t.diagnostic(`add-slot refused cleanly on a full disk ${full} times before it fitted (at ${[...stages].join(', ')})`);
    assert.match(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8'), /"1,3"/);
  } finally {
    mnt.unmount();
  }
});

test('a tree the user may not write (EACCES) is an input error naming the cause; a dry run still works', async (t) => {
  const dir = await stationCopy();
  const asRoot = process.getuid?.() === 0;
  // root may write anywhere: run ocppctl as nobody; otherwise take the write permission away
  const nobody = asRoot ? { uid: 65534, gid: 65534 } : undefined;
  if (asRoot) {
    for (let p = dir; p !== '/' && p.startsWith(tmpdir()); p = join(p, '..')) chmodSync(p, 0o755);
  } else {
    chmodSync(dir, 0o555);
    chmodSync(join(dir, 'standardized'), 0o555);
  }
  const before = snapshot(dir);
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH }, ...nobody });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error) };
  };
  const probe = run(['--version']);
  if (probe.code !== 0) return t.skip(`EACCES: cannot run ocppctl as an unprivileged user here (${probe.stderr.trim().split('\n')[0]})`);
  assertUntouched(dir, before, run(addSlot(dir)), /permission denied \(EACCES\); nothing was changed/);
  const dry = run(addSlot(dir, ['--dry-run']));
  assert.equal(dry.code, 0, dry.stderr);
});
