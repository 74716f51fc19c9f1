import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, needsReference } from '../support/paths.js';
import { copyConfig, migratedCopy } from '../slots/config-copy.js';

type Snapshot = Map<string, string>;
const snapshot = (dir: string): Snapshot =>
  new Map(['standardized', 'custom'].flatMap((f) => readdirSync(join(dir, f)).map((n) => [`${f}/${n}`, readFileSync(join(dir, f, n), 'utf8')] as [string, string])));
const ocppctl = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

const commands: Record<string, { setup: () => Promise<string>; args: (dir: string) => string[] }> = {
  'add-slot': { setup: migratedCopy, args: (dir) => ['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1'] },
  migrate: { setup: async () => copyConfig('everest-component-config'), args: (dir) => ['migrate', '-c', dir] },
};

for (const [name, { setup, args }] of Object.entries(commands)) {
  test(`${name} killed at any step leaves every file old or new, and the next run says how to finish or undo`, needsReference, async () => {
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
        for (const k of changed) assert.ok(now.get(k) === old.get(k) || now.get(k) === after.get(k), `step ${step}: ${k} is neither old nor new`);
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
