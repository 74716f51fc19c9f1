import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDirs } from '../../src/files/index.js';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/paths.js';

test('makeDirs creates the missing levels and returns the first it made, like mkdir -p', () => {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-make-dirs-'));
  assert.equal(makeDirs(join(root, 'a/b/c')), join(root, 'a'));
  assert.ok(statSync(join(root, 'a/b/c')).isDirectory());
  assert.equal(makeDirs(join(root, 'a/b/c')), undefined, 'nothing to make');
  assert.equal(makeDirs(join(root, 'a/d'), 0o700), join(root, 'a/d'));
  assert.equal(statSync(join(root, 'a/d')).mode & 0o777, 0o700);
});

// Node's own recursive mkdir retries forever where mkdir says ENOENT under a folder that exists, as in /proc
const procfs = existsSync('/proc/self') ? {} : { skip: 'no /proc on this system' };

test('a folder that cannot be made under /proc is an error at once, not a hang', procfs, () => {
  assert.throws(() => makeDirs('/proc/ocppctl-x/y'), { code: 'ENOENT' });
});

test('db export --out under /proc ends with one line and exit 2', procfs, async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-make-dirs-'));
  const built = await runCli(['init-db', '--config', join(ROOT, 'component_config'), '--db', 'd.db'], { cwd });
  assert.equal(built.code, 0, built.stderr);
  const r = await runCli(['db', 'export', '--db', 'd.db', '--out', '/proc/ocppctl-x/y'], { cwd });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /proc\/ocppctl-x/);
});
