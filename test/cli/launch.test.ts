import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/paths.js';

// Each case runs in a Node of its own, started as bin/ocppctl is: the test runner's process has loaded other code
// and flags, and a code cache is checked against the V8 flags of the process that reads it.
function inFreshNode(script: string) {
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const LAUNCH = JSON.stringify(join(ROOT, 'dist/src/cli/launch.cjs'));

test('the build leaves a code cache for this Node that V8 accepts, for validate and for the other commands', () => {
  const r = inFreshNode(`
    const { loadApp } = require(${LAUNCH});
    const validate = loadApp({ argv: ['validate', 'component_config'] });
    const other = loadApp({ argv: ['slots'] });
    console.log(JSON.stringify({ validate: validate.cacheUsed, other: other.cacheUsed }));`);
  assert.deepEqual(r, { validate: true, other: true });
});

test('a plain validate and a validate with an EVerest config each read a cache of their own', () => {
  const r = inFreshNode(`
    const fs = require('node:fs');
    const { APP_BUNDLE, TRAINED_KINDS, buildOf, codeCacheFile, runKindOf } = require(${LAUNCH});
    const build = buildOf(fs.readFileSync(APP_BUNDLE, 'latin1'));
    const size = (kind) => fs.statSync(codeCacheFile(APP_BUNDLE, build, kind)).size;
    console.log(JSON.stringify({
      kinds: TRAINED_KINDS,
      plain: runKindOf(['validate', 'component_config']),
      everest: runKindOf(['validate', '--everest-config=x.yaml']),
      everestLater: runKindOf(['validate', 'dir', '--everest-config', 'x.yaml']),
      other: runKindOf(['--quiet', 'slots']),
      plainSmaller: size('validate') < size('validate-everest'),
    }));`);
  assert.deepEqual(r, {
    kinds: ['validate', 'validate-everest'],
    plain: 'validate',
    everest: 'validate-everest',
    everestLater: 'validate-everest',
    other: 'slots',
    // the YAML parser and the EVerest rules are compiled into the second one only
    plainSmaller: true,
  });
});

test('under a Node without a cache the bundle loads with require() and runs', () => {
  // a bundle path with no cache beside it stands for a Node whose V8 made none: a link to the real bundle
  const link = join(mkdtempSync(join(tmpdir(), 'ocppctl-launch-')), 'app.cjs');
  symlinkSync(join(ROOT, 'dist/bundle/app.cjs'), link);
  const r = inFreshNode(`
    const { loadApp } = require(${LAUNCH});
    const { app, script, cacheUsed } = loadApp({ bundle: ${JSON.stringify(link)}, argv: ['--version'] });
    let out = '';
    const io = { cwd: process.cwd(), env: {}, stdout: { write: (s) => (out += s) }, stderr: { write: () => true }, stdoutIsTTY: false, interactive: false };
    app.run(['--version'], io).then((code) => console.log(JSON.stringify({ cacheUsed, compiledHere: script !== undefined, code, out })));`);
  assert.equal(r.cacheUsed, false);
  assert.equal(r.compiledHere, false);
  assert.equal(r.code, 0);
  assert.match(String(r.out), /^\d+\.\d+\.\d+\n$/);
});

test('code that V8 compiles after taking the cache still loads modules with import()', () => {
  // explain and recover are not among the runs the cache is made from; both import() modules on their way
  const explain = spawnSync(process.execPath, [BIN, 'explain', 'data-type'], { encoding: 'utf8' });
  assert.equal(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /^# data-type/);
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-launch-'));
  const recover = spawnSync(process.execPath, [BIN, 'recover', '-c', dir, '--undo'], { encoding: 'utf8' });
  assert.equal(recover.stderr, '');
  assert.equal(recover.status, 0);
  assert.match(recover.stdout, /no interrupted change/);
});
