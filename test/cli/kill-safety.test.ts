import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../support/paths.js';
import { legacyBlobCopy, stationCopy } from '../support/port-a-trees.js';

type Snapshot = Map<string, string>;
const snapshot = (dir: string): Snapshot =>
  new Map(
    ['standardized', 'custom'].flatMap((f) =>
      readdirSync(join(dir, f)).map((n) => [`${f}/${n}`, readFileSync(join(dir, f, n), 'utf8')] as [string, string]),
    ),
  );
const ocppctl = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

const commands: Record<string, { setup: () => Promise<string>; args: (dir: string) => string[] }> = {
  'add-slot': { setup: stationCopy, args: (dir) => ['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1'] },
  migrate: { setup: async () => legacyBlobCopy(), args: (dir) => ['migrate', '-c', dir] },
  // on a config whose connection is still in the legacy blob set-slot migrates the legacy blob too: two files change
  'set-slot': {
    setup: async () => legacyBlobCopy(),
    args: (dir) => ['set-slot', '1', '-c', dir, '--url', 'ws://new.example.com/ocpp'],
  },
};

for (const [name, { setup, args }] of Object.entries(commands)) {
  test(`${name} killed at any step leaves every file old or new, and the next run says how to finish or undo`, async () => {
    const pristine = await setup();
    const old = snapshot(pristine);
    const done = await setup();
    const first = ocppctl(args(done));
    assert.equal(first.status, 0, first.stderr);
    const after = snapshot(done);
    const changed = [...new Set([...old.keys(), ...after.keys()])].filter((k) => old.get(k) !== after.get(k));
    assert.ok(changed.length >= 2);

    let crashed = 0;
    for (let step = 1; ; step++) {
      for (const mode of ['finish', 'undo'] as const) {
        const dir = await setup();
        const r = ocppctl(args(dir), { OCPPCTL_TEST_CRASH_AT_STEP: String(step) });
        if (r.signal !== 'SIGKILL') {
          // past the last step: the command completed normally
          assert.equal(r.status, 0, r.stderr);
          assert.ok(crashed >= 4, `only ${crashed} crash points`);
          return;
        }
        crashed++;
        const now = snapshot(dir);
        for (const k of changed)
          assert.ok(now.get(k) === old.get(k) || now.get(k) === after.get(k), `step ${step}: ${k} is neither old nor new`);
        for (const k of now.keys()) assert.ok(!k.endsWith('.json') || old.has(k) || after.has(k), `step ${step}: unexpected ${k}`);

        const again = ocppctl(args(dir));
        assert.equal(again.status, 1, `step ${step}: ${again.stderr}`);
        assert.match(again.stderr, new RegExp(`interrupted "${name}".*ocppctl recover --config`));

        const canFinish = /--finish/.test(again.stderr);
        const rec = ocppctl(['recover', '-c', dir, canFinish && mode === 'finish' ? '--finish' : '--undo']);
        assert.equal(rec.status, 0, rec.stderr);
        const expected = canFinish && mode === 'finish' ? after : old;
        assert.deepEqual(snapshot(dir), expected, `step ${step} ${mode}: files after recovery`);
        assert.equal(existsSync(join(dir, '.ocppctl-journal.json')), false);
      }
    }
  });
}

const leftovers = (dir: string) =>
  ['', 'standardized', 'custom'].flatMap((f) =>
    readdirSync(join(dir, f))
      .filter((n) => /^\.ocppctl-|\.tmp$|\.bak$/.test(n))
      .map((n) => `${f}/${n}`),
  );

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`add-slot sent ${signal} at any step undoes or finishes the change, exits 130 and leaves nothing that blocks the next write`, async () => {
    const pristine = await stationCopy();
    const old = snapshot(pristine);
    const args = commands['add-slot'].args;
    let signalled = 0;
    for (let step = 1; ; step++) {
      const dir = await stationCopy();
      const r = ocppctl(args(dir), { OCPPCTL_TEST_SIGNAL_AT_STEP: String(step), OCPPCTL_TEST_SIGNAL: signal });
      if (r.status === 0) {
        // past the last step: the command completed without a signal
        assert.ok(signalled >= 4, `only ${signalled} signal points`);
        break;
      }
      signalled++;
      assert.equal(r.status, 130, `step ${step}: ${r.signal} ${r.stderr}`);
      assert.match(r.stderr, /nothing was written|the change was completed first, so every file is written/, `step ${step}`);
      const now = snapshot(dir);
      const undone = /nothing was written/.test(r.stderr);
      if (undone) assert.deepEqual(now, old, `step ${step}: undone, but the files differ`);
      else
        assert.ok(
          now.has('standardized/NetworkConfiguration_3.json') && /added slot|created/.test(r.stdout),
          `step ${step}: finished, but slot 3 is missing`,
        );
      assert.deepEqual(leftovers(dir), [], `step ${step}: left behind`);
      const next = ocppctl(args(dir));
      assert.equal(next.status, 0, `step ${step}: the next add-slot is blocked: ${next.stderr}`);
    }
  });
}

test('add-slot stopped by a real Ctrl-C at any moment exits 0 or 130 with the tree old or new and nothing left behind', async () => {
  const { spawn } = await import('node:child_process');
  const old = snapshot(await stationCopy());
  const outcomes = { completed: 0, interrupted: 0 };
  for (let i = 0; i < 12; i++) {
    const dir = await stationCopy();
    const child = spawn(process.execPath, [BIN, ...commands['add-slot'].args(dir)], { env: { PATH: process.env.PATH } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    setTimeout(() => child.kill('SIGINT'), 80 + i * 40);
    const [code, sig] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    // a signal before Node has set up ocppctl's handler ends the process the default way, before it read anything
    assert.ok(code === 0 || code === 130 || sig === 'SIGINT', `run ${i}: exit ${code} ${sig}: ${stderr}`);
    outcomes[code === 0 ? 'completed' : 'interrupted']++;
    const now = snapshot(dir);
    const slot3 = now.has('standardized/NetworkConfiguration_3.json');
    if (!slot3) assert.deepEqual(now, old, `run ${i}: neither old nor new`);
    assert.deepEqual(leftovers(dir), [], `run ${i}: left behind`);
    assert.equal(ocppctl(commands['add-slot'].args(dir)).status, 0, `run ${i}: the next add-slot is blocked`);
  }
  assert.ok(outcomes.interrupted > 0, 'no run was interrupted');
});
