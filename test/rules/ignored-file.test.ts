import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, validateFixture } from './rule-harness.js';

test('a tree with only *.json files directly inside the two folders lists nothing', async () => {
  await assertClean('ignored-file');
});

test('a .JSON file, a nested folder and a README are listed as info and not read', async () => {
  const { code, report } = await validateFixture('ignored-file', 'broken/ignored-file');
  assert.equal(code, 0);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.severity, d.file.replace(/^.*component_config\//, '')]),
    [
      ['info', 'custom/README.md'],
      ['info', 'standardized/Extra.JSON'],
      ['info', 'standardized/old'],
    ],
  );
  assert.equal(report.summary.files, 4, 'ignored files are not counted');
});
