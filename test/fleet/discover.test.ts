import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigRoots, parseShard, rootsTouchedBy, selectShard, sortRoots } from '../../src/fleet/index.js';
import { isOcppctlError } from '../../src/errors.js';
import { makeFleet, names } from './fleet-dir.js';

test('--fleet discovery finds every folder holding standardized/, sorted, without entering a found tree', () => {
  const top = makeFleet(names(3).map((name) => ({ name })));
  mkdirSync(join(top, 'stations', 'st-000', 'component_config', 'standardized', 'nested', 'standardized'), { recursive: true });
  mkdirSync(join(top, 'node_modules', 'x', 'standardized'), { recursive: true });
  mkdirSync(join(top, 'a-model', 'standardized'), { recursive: true });
  symlinkSync(top, join(top, 'stations', 'loop'));
  const roots = findConfigRoots('.', { cwd: top }).map((r) => r.slice(top.length + 1));
  assert.deepEqual(roots, [
    'a-model',
    'stations/st-000/component_config',
    'stations/st-001/component_config',
    'stations/st-002/component_config',
  ]);
});

test('--fleet on a missing folder is an input error, not an empty pass', () => {
  assert.throws(
    () => findConfigRoots('nope', { cwd: makeFleet([]) }),
    (e) => isOcppctlError(e) && e.code === 'CONFIG_DIR_MISSING',
  );
});

test('roots given twice or in another order are checked once, in one order', () => {
  assert.deepEqual(sortRoots(['b', './a', 'b/', 'a'], '/w'), ['/w/a', '/w/b']);
});

test('the shards of a matrix cover every station exactly once with sizes that differ by at most one', () => {
  for (let total = 0; total < 40; total++) {
    const items = Array.from({ length: total }, (_, i) => i);
    for (let count = 1; count <= 9; count++) {
      const parts = Array.from({ length: count }, (_, i) => selectShard(items, { index: i + 1, count }));
      assert.deepEqual(parts.flat(), items);
      const sizes = parts.map((p) => p.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${total} in ${count}: ${sizes.join(',')}`);
    }
  }
});

test('--shard accepts I/N with 1 ≤ I ≤ N and refuses everything else', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/2', '1.5/2', '']) {
    assert.throws(
      () => parseShard(bad),
      (e) => isOcppctlError(e) && e.code === 'USAGE',
      bad,
    );
  }
});

test('--changed-since keeps the stations that contain a changed file and nothing else', () => {
  const roots = ['/repo/stations/a/component_config', '/repo/stations/ab/component_config', '/repo/stations/b/component_config'];
  const changed = [
    'stations/a/component_config/standardized/X.json',
    'stations/ab',
    'README.md',
    'stations/b/component_config/../other.txt',
    '',
  ];
  assert.deepEqual(rootsTouchedBy(roots, changed, '/repo'), ['/repo/stations/a/component_config']);
});

test('the default worker count grows with the fleet and stops at the core count', async () => {
  const { defaultWorkers } = await import('../../src/fleet/index.js');
  assert.deepEqual(
    [1, 100, 499, 500, 1000, 5000].map((n) => defaultWorkers(4, n)),
    [1, 1, 1, 2, 4, 4],
  );
  assert.equal(defaultWorkers(2, 1000), 2);
});
