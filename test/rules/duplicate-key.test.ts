import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, validateFixture } from './rule-harness.js';

test('objects without repeated keys pass', async () => {
  await assertClean('duplicate-key');
});

test('a second "value" key in one attribute is an error at that key', async () => {
  const { code, report } = await validateFixture('duplicate-key', 'broken/duplicate-key');
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.pointer, '/properties/OrganizationName/attributes/0/value');
  assert.equal(d.column, 102, 'points at the second key, not the first');
});
