import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, validateFixture } from './rule-harness.js';

test('attributes that name their type pass', async () => {
  await assertClean('attribute-without-type');
});

test('an attribute without type is an error: libocpp stores a NULL type and never finds the value', async () => {
  const { code, report } = await validateFixture('attribute-without-type', 'broken/attribute-without-type');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/SecurityProfile/attributes/0');
  assert.equal(report.diagnostics[0].hint, 'add "type": "Actual" (or Target, MinSet, MaxSet)');
});
