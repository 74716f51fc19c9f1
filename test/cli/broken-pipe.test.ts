import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { BIN } from '../support/paths.js';
import { brokenFixtureTrees } from '../support/port-a-trees.js';

test('help piped into a reader that has already gone ends quietly with exit 0', async () => {
  const child = spawn(process.execPath, [BIN, 'help', 'add-slot'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // the read end closes before the CLI has even started, so its first write meets a closed pipe
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const [code, signal] = await once(child, 'close');
  assert.equal(stderr, '');
  assert.equal(signal, null);
  assert.equal(code, 0);
});

test('validate output larger than the pipe buffer, cut by head -1, keeps its exit code and prints no stack trace', () => {
  // the broken fixtures' JSON report does not fit the 64 kB pipe buffer, so the write is still under way when head exits
  const trees = brokenFixtureTrees()
    .map((d) => `"${d}"`)
    .join(' ');
  const cmd = `set -o pipefail; "${process.execPath}" "${BIN}" validate ${trees} --format json | head -1`;
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
  assert.equal(r.stdout, '{\n');
  assert.equal(r.stderr, '');
  // with pipefail the status is ocppctl's own: the broken fixtures have errors
  assert.equal(r.status, 1);
});
