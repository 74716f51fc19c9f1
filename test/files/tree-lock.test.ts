import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireTreeLock, LOCK } from '../../src/files/index.js';
import { isOcppctlError } from '../../src/errors.js';

const DEAD = 999_999_999;
const isAlive = (pid: number) => pid !== DEAD;

test('a stale lock found by several processes at once is taken over by exactly one of them', async () => {
  for (let round = 0; round < 10; round++) {
    const root = mkdtempSync(join(tmpdir(), 'ocppctl-lock-'));
    writeFileSync(join(root, LOCK), JSON.stringify({ pid: DEAD, host: hostname(), command: 'add-slot', started: 'then' }));
    const tries = [1, 2, 3, 4, 5].map((pid) => acquireTreeLock(root, { pid, command: 'test', isAlive, waitMs: 300, pollMs: 5 }));
    const results = await Promise.allSettled(tries);
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1, `round ${round}: ${won.length} holders`);
    for (const r of results)
      if (r.status === 'rejected')
        assert.ok(isOcppctlError(r.reason) && /another ocppctl \(pid \d\) is changing this tree/.test(r.reason.message), String(r.reason));
    const holder = won[0].value;
    // the one that removed the stale lock may lose the O_EXCL create to another: only one holder counts
    assert.equal(JSON.parse(readFileSync(join(root, LOCK), 'utf8')).command, 'test');
    assert.equal(existsSync(join(root, `${LOCK}.break`)), false);
    holder.release();
    assert.equal(existsSync(join(root, LOCK)), false);
  }
});

test('a lock is released only by its holder, and a waiting process gets it once it is free', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-lock-'));
  const first = await acquireTreeLock(root, { pid: 1, command: 'a', isAlive });
  const content = readFileSync(join(root, LOCK), 'utf8');
  assert.deepEqual(Object.keys(JSON.parse(content)).slice(0, 4), ['pid', 'host', 'command', 'started']);
  const second = acquireTreeLock(root, { pid: 2, command: 'b', isAlive, waitMs: 2000, pollMs: 10 });
  setTimeout(() => first.release(), 100);
  const got = await second;
  assert.equal(JSON.parse(readFileSync(join(root, LOCK), 'utf8')).pid, 2);
  first.release(); // not its lock any more: nothing happens
  assert.ok(existsSync(join(root, LOCK)));
  got.release();
  assert.equal(existsSync(join(root, LOCK)), false);
});

test('a reused pid is not taken for the holder: the recorded start time must match', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-lock-'));
  // a live pid (this process) with a start time that is not its own: the holder ended and its pid was reused
  writeFileSync(
    join(root, LOCK),
    JSON.stringify({ pid: process.pid, host: hostname(), command: 'migrate', started: 'then', procStart: '1' }),
  );
  const lock = await acquireTreeLock(root, { pid: 7, command: 'test', isAlive: () => true, waitMs: 200 });
  if (existsSync('/proc/self/stat')) assert.match(lock.note ?? '', /took over/);
  lock.release();
});
