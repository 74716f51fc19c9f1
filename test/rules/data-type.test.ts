import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/data-type.js';
import { assertClean, checkVariable, validateFixture, variable } from './rule-harness.js';

test('the eight libocpp data types pass', async () => {
  await assertClean('data-type');
  for (const t of ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'])
    assert.deepEqual(checkVariable(variable('V', { dataType: t }), [rule]), []);
});

test("DateTime (capital D) is an error with a hint for dateTime: libocpp's string_to_data_enum is case-sensitive", async () => {
  const { code, report } = await validateFixture('data-type', 'broken/data-type');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/DateTime/characteristics/dataType');
  assert.equal(report.diagnostics[0].hint, 'write "dateTime"');
});

test('passwordString, an OCPP field type, is an error with a hint for string', async () => {
  const { code, report } = await validateFixture('data-type', 'broken/data-type-password-string');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].hint, 'write "string"');
});

test('near-misses get the right name: Integer, identifierString, bool', () => {
  const hint = (t: string) => checkVariable(variable('V', { dataType: t }), [rule])[0]?.hint;
  assert.equal(hint('Integer'), 'write "integer"');
  assert.equal(hint('identifierString'), 'write "string"');
  assert.equal(hint('bool'), 'write "boolean"');
  assert.equal(hint('optionlist'), 'write "OptionList"');
  assert.match(hint('Text') ?? '', /pick one of the eight/);
});
