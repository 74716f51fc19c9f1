import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/value-style.js';
import { assertClean, checkVariable, validateFixture, variable } from './rule-harness.js';

test('values written as JSON strings pass', async () => {
  await assertClean('value-style');
});

test('a value written as the JSON number 300 is info with a hint for "300", and does not fail validate', async () => {
  const { code, report } = await validateFixture('value-style', 'broken/value-style');
  assert.equal(code, 0);
  assert.equal(report.diagnostics[0].severity, 'info');
  assert.equal(report.diagnostics[0].hint, 'write "300"');
});

test('a boolean default is info too, and the text shown is the one libocpp stores', () => {
  const [d] = checkVariable(variable('V', { dataType: 'decimal' }, [{ type: 'Actual', value: 2.5 }]), [rule]);
  assert.match(d.message, /libocpp stores "2\.5"/);
  const [b] = checkVariable(variable('V', { dataType: 'boolean' }, [{ type: 'Actual' }], { default: false }), [rule]);
  assert.equal(b.pointer, '/properties/V/default');
});
