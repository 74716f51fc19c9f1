import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/duplicate-variable.js';
import { assertClean, check, checkVariable, component, validateFixture, variable } from './rule-harness.js';

test('variables with distinct names and instances pass', async () => {
  await assertClean('duplicate-variable');
});

test('HeartbeatInterval defined under two keys is an error at the second key', async () => {
  const { code, report } = await validateFixture('duplicate-variable', 'broken/duplicate-variable');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/HeartbeatIntervalAgain');
  assert.equal(report.diagnostics[0].related?.[0].pointer, '/properties/HeartbeatInterval');
});

test('the same name with different instances is two variables', () => {
  const v = (instance: string) => variable('MessageTimeout', { dataType: 'integer' }, undefined, { instance });
  assert.deepEqual(check({ 'standardized/C.json': component('C', { A: v('Default'), B: v('Other') }) }, [rule]), []);
  assert.deepEqual(checkVariable(v('x'), [rule]), []);
});
