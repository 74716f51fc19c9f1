import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/value-in-list.js';
import { assertClean, checkVariable, validateFixture, variable } from './rule-harness.js';

const list = (dataType: string, valuesList: string | undefined, value: unknown) =>
  checkVariable(
    variable('V', valuesList === undefined ? { dataType } : { dataType, valuesList }, [{ type: 'Actual', mutability: 'ReadWrite', value }]),
    [rule],
  );

test('members of their valuesList and lowercase booleans pass', async () => {
  await assertClean('value-in-list');
});

test('an OptionList value outside its valuesList is an error', async () => {
  const { code, report } = await validateFixture('value-in-list', 'broken/value-in-list');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /is "Busy", not one of the valuesList/);
});

test('a SequenceList value with a space after the comma is an error: libocpp does not trim', async () => {
  const { code, report } = await validateFixture('value-in-list', 'broken/value-in-list-spaces');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].hint, 'write "NTP,Heartbeat"');
});

test('a boolean written True is an error: validate_value wants lowercase', async () => {
  const { code, report } = await validateFixture('value-in-list', 'broken/value-in-list-boolean');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].hint, 'write true');
});

test('MemberList and SequenceList values are subsets of the valuesList; an empty value is allowed', () => {
  assert.deepEqual(list('MemberList', 'a,b,c', 'c,a'), []);
  assert.deepEqual(list('SequenceList', 'a,b,c', ''), []);
  assert.match(list('MemberList', 'a,b,c', 'a,d')[0].message, /has "d", not in the valuesList/);
  assert.equal(list('SequenceList', '1,2', 1).length, 0, 'a JSON number is compared as its text');
});

test('a valuesList with spaces around its commas is an error on the valuesList', () => {
  const [d] = list('OptionList', 'A, B', 'A');
  assert.equal(d.pointer, '/properties/V/characteristics/valuesList');
});

test('a list type without valuesList is an error only under the spec targets', () => {
  assert.deepEqual(list('OptionList', undefined, 'x'), []);
  const v = variable('V', { dataType: 'OptionList' });
  assert.equal(checkVariable(v, [rule], 'spec-2.0.1').length, 1);
});

test('the NetworkConfigurationPriority value is left to priority-values-list, so "1, 2" is reported once', async () => {
  const { report } = await validateFixture('value-in-list', 'broken/priority-values-list');
  assert.deepEqual(report.diagnostics, []);
});
