import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../support/paths.js';
import { runCli } from '../support/cli.js';
import { stationCopy } from '../support/port-a-trees.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** ocppctl as a real process, started at once (so two of them really run side by side). */
function start(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const priority = (dir: string): string[] =>
  String(
    JSON.parse(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8')).properties.NetworkConfigurationPriority.attributes[0]
      .value,
  ).split(',');

/** Every file of the tree (hidden ones too: temp files, journal, lock), with its text. */
const snapshot = (dir: string) =>
  new Map(
    ['', 'standardized', 'custom'].flatMap((f) =>
      readdirSync(join(dir, f), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [`${f}/${e.name}`, readFileSync(join(dir, f, e.name), 'utf8')] as [string, string]),
    ),
  );

const bookkeeping = (dir: string) => [...snapshot(dir).keys()].filter((k) => /\.ocppctl-(lock|journal)|\.tmp$|\.bak$/.test(k));

const LOCK_MESSAGE = /another ocppctl \(pid \d+\) is changing this tree/;

test('two add-slot runs racing on one tree never lose a slot: both land in the priority list, or one is refused by the lock', async (t) => {
  const rounds = 20;
  let bothWritten = 0;
  let refused = 0;
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    const dir = await stationCopy();
    const before = priority(dir);
    const args = ['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1'];
    const [a, b] = await Promise.all([start(args), start(args)]);
    for (const r of [a, b]) {
      assert.ok(r.code === 0 || r.code === 1, `round ${round}: exit ${r.code} ${r.signal}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /interrupted|recover/, `round ${round}: a live change was called interrupted`);
    }
    assert.deepEqual(bookkeeping(dir), [], `round ${round}: left behind`);
    const added = [a, b].filter((r) => r.code === 0).map((r) => /added slot (\d+)/.exec(r.stdout)?.[1]);
    if (a.code === 0 && b.code === 0) {
      bothWritten++;
      assert.notEqual(added[0], added[1], `round ${round}: both claim one slot`);
    } else {
      refused++;
      const loser = a.code === 1 ? a : b;
      assert.match(loser.stderr, LOCK_MESSAGE, `round ${round}: the refusal names the lock holder`);
      assert.equal(added.length, 1, `round ${round}: no winner`);
    }
    // the tree as the winner(s) left it: every added slot has its file and is in the priority list
    assert.deepEqual(
      priority(dir),
      [...before, ...added.map(String)].sort((x, y) => Number(x) - Number(y)),
      `round ${round}: priority list`,
    );
    for (const n of added)
      assert.ok(existsSync(join(dir, `standardized/NetworkConfiguration_${n}.json`)), `round ${round}: slot ${n} file`);
    const v = await runCli(['validate', dir, '--format', 'json']);
    const ids = JSON.parse(v.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId);
    assert.ok(!ids.includes('slot-missing') && !ids.includes('priority-values-list'), `round ${round}: ${ids}`);
  }
  t.diagnostic(
    `add-slot races: ${rounds} rounds, ${bothWritten} with both slots written, ${refused} refused by the lock, ${Date.now() - started} ms`,
  );
  console.log(
    `# two-writer race: ${rounds} rounds of two add-slot processes, ${bothWritten} both written, ${refused} refused by the lock, 0 lost`,
  );
});

test('a tree locked by a running ocppctl is refused after a bounded wait, nothing written, never called interrupted', async () => {
  const dir = await stationCopy();
  // a live process of this host as the holder, in the middle of its change (its journal is there too)
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const lock = { pid: holder.pid, host: hostname(), command: 'add-slot', started: new Date().toISOString() };
    writeFileSync(join(dir, '.ocppctl-lock'), JSON.stringify(lock));
    writeFileSync(join(dir, '.ocppctl-journal.json'), JSON.stringify({ command: 'add-slot', state: 'preparing', entries: [] }));
    const before = snapshot(dir);
    for (const args of [
      ['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1'],
      ['set-priority', '1', '-c', dir],
      ['remove-slot', '2', '-c', dir],
      ['migrate', '-c', dir],
      ['recover', '-c', dir, '--undo'],
    ]) {
      const t0 = Date.now();
      const r = await start(args);
      const waited = Date.now() - t0;
      assert.equal(r.code, 1, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`another ocppctl \\(pid ${holder.pid}\\) is changing this tree \\(add-slot`));
      assert.doesNotMatch(r.stderr, /interrupted|ocppctl recover/);
      assert.ok(waited >= 1900 && waited < 10000, `${args[0]} waited ${waited} ms`);
      assert.deepEqual(snapshot(dir), before, `${args[0]} changed the tree`);
    }
  } finally {
    holder.kill();
  }
});

test('the lock of an ocppctl that died is taken over with a note, and released at the end', async () => {
  const dir = await stationCopy();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const lock = { pid: Number(dead.stdout), host: hostname(), command: 'remove-slot', started: new Date().toISOString() };
  writeFileSync(join(dir, '.ocppctl-lock'), JSON.stringify(lock));
  const r = await start(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`note: took over \\.ocppctl-lock from ocppctl pid ${dead.stdout} \\(remove-slot\\), which ended without releasing it`),
  );
  assert.deepEqual(bookkeeping(dir), []);
});

test('a lock held by another host is not broken: the message names the host and how to clear it', async () => {
  const dir = await stationCopy();
  writeFileSync(
    join(dir, '.ocppctl-lock'),
    JSON.stringify({ pid: 4242, host: 'other-station-builder', command: 'migrate', started: '2026-01-01T00:00:00.000Z' }),
  );
  const r = await runCli(['set-priority', '1', '-c', dir]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /another ocppctl \(pid 4242 on other-station-builder\) is changing this tree \(migrate, since 2026-01-01T00:00:00.000Z\); nothing was written.*if no ocppctl runs on other-station-builder, remove .*\.ocppctl-lock/,
  );
  assert.ok(existsSync(join(dir, '.ocppctl-lock')));
});

test('in-process runs release the lock when they end, whatever the outcome', async () => {
  const dir = await stationCopy();
  const refused = await runCli(['remove-slot', '99', '-c', dir]);
  assert.notEqual(refused.code, 0);
  const dry = await runCli(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  const real = await runCli(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1']);
  assert.equal(real.code, 0, real.stderr);
  assert.deepEqual(bookkeeping(dir), []);
  assert.equal(process.listenerCount('SIGTERM'), 0, 'the SIGTERM handler of the write was not removed');
});
