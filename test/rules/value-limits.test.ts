import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/value-limits.js';
import { assertClean, check, checkVariable, component, validateFixture, variable } from './rule-harness.js';

const actual = (value: unknown, mutability = 'ReadWrite') => [{ type: 'Actual', mutability, value }];

test('values inside their limits pass', async () => {
  await assertClean('value-limits');
});

test('a BasicAuthPassword shorter than minLimit is an error that gives the length, never the password', async () => {
  const { code, report, stdout } = await validateFixture('value-limits', 'broken/value-limits');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].message, 'the Actual value of SecurityCtrlr.BasicAuthPassword has 12 characters; needs 16 to 40');
  assert.doesNotMatch(stdout, /short-secret/);
});

test('a HeartbeatInterval of 0 below minLimit 1 is an error', async () => {
  const { code, report } = await validateFixture('value-limits', 'broken/value-limits-range');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /is 0; 1 to 86400 allowed/);
});

test('decimal limits compare numbers; string limits compare lengths', () => {
  assert.equal(checkVariable(variable('V', { dataType: 'decimal', maxLimit: 10 }, actual('10.5')), [rule]).length, 1);
  assert.equal(checkVariable(variable('V', { dataType: 'decimal', maxLimit: 10 }, actual('9.99')), [rule]).length, 0);
  assert.equal(checkVariable(variable('V', { dataType: 'string', maxLimit: 3 }, actual('abcd')), [rule]).length, 1);
  assert.equal(checkVariable(variable('V', { dataType: 'string', minLimit: 3 }, actual('')), [rule]).length, 0, 'empty means not set');
});

test("libocpp's allow_zero: AlignedDataCtrlr.Interval may be 0 below its minLimit", () => {
  const v = variable('Interval', { dataType: 'integer', minLimit: 5 }, actual('0'));
  assert.deepEqual(check({ 'standardized/A.json': component('AlignedDataCtrlr', { Interval: v }) }, [rule]), []);
  assert.equal(check({ 'standardized/A.json': component('OtherCtrlr', { Interval: v }) }, [rule]).length, 1);
});

test('minLimit above maxLimit is an error on the characteristics', () => {
  const [d] = checkVariable(variable('V', { dataType: 'integer', minLimit: 5, maxLimit: 1 }), [rule]);
  assert.equal(d.pointer, '/properties/V/characteristics/minLimit');
});

test('a negative integer with a maxLimit warns under libocpp, which compares it unsigned', () => {
  const [d] = checkVariable(variable('V', { dataType: 'integer', minLimit: -10, maxLimit: 10 }, actual('-5')), [rule]);
  assert.equal(d.severity, 'warning');
  assert.deepEqual(
    checkVariable(variable('V', { dataType: 'integer', minLimit: -10, maxLimit: 10 }, actual('-5')), [rule], 'spec-2.1'),
    [],
  );
});

test('a list longer than maxLimit is an error only under the spec targets (libocpp does not check it)', () => {
  const v = variable('V', { dataType: 'MemberList', valuesList: 'a,b,c', maxLimit: 3 }, actual('a,b,c'));
  assert.deepEqual(checkVariable(v, [rule]), []);
  assert.equal(checkVariable(v, [rule], 'spec-2.0.1').length, 1);
});
