import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/attribute-duplicate-type.js';
import { assertClean, checkVariable, validateFixture, variable } from './rule-harness.js';

test('one attribute per type passes', async () => {
  await assertClean('attribute-duplicate-type');
  assert.deepEqual(
    checkVariable(
      variable('V', { dataType: 'integer' }, [{ type: 'Actual' }, { type: 'MinSet' }, { type: 'MaxSet' }, { type: 'Target' }]),
      [rule],
    ),
    [],
  );
});

test('two Actual attributes on one variable are an error at the second', async () => {
  const { code, report } = await validateFixture('attribute-duplicate-type', 'broken/attribute-duplicate-type');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/OrganizationName/attributes/1/type');
  assert.equal(report.diagnostics[0].related?.[0].pointer, '/properties/OrganizationName/attributes/0');
});
