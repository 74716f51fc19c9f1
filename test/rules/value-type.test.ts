import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/value-type.js';
import { assertClean, check, checkVariable, validateFixture, variable } from './rule-harness.js';

const value = (dataType: string, v: unknown) =>
  checkVariable(variable('V', { dataType }, [{ type: 'Actual', mutability: 'ReadWrite', value: v }]), [rule]);
const rejects = (dataType: string, v: unknown) =>
  assert.equal(value(dataType, v).length, 1, `${dataType} ${JSON.stringify(v)} should be rejected`);
const accepts = (dataType: string, v: unknown) =>
  assert.deepEqual(value(dataType, v), [], `${dataType} ${JSON.stringify(v)} should be accepted`);

test('values that parse as their dataType pass', async () => {
  await assertClean('value-type');
});

test('an integer written as the JSON number 3e2 is an error: libocpp stores "300.0" and its is_integer refuses it', async () => {
  const { code, report } = await validateFixture('value-type', 'broken/value-type');
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(report.diagnostics.length, 1);
  assert.equal(d.pointer, '/properties/HeartbeatInterval/attributes/0/value');
  assert.match(d.message, /"300\.0", not an integer/);
  assert.equal(d.line, 7);
});

test("an impossible date (29 February 2023) is an error although libocpp's regex lets it pass", async () => {
  const { code, report } = await validateFixture('value-type', 'broken/value-type-impossible-date');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /day 29 of a month with 28 days/);
});

test("an attribute value over 2,500 characters is an error: libocpp's CiString<2500> throws while reading it", async () => {
  const { code, report } = await validateFixture('value-type', 'broken/value-type-too-long');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /has 2501 characters; libocpp stores at most 2500/);
});

test('integers: plain digits with an optional minus, within 32 bits', () => {
  for (const v of ['0', '-5', '2147483647', 60]) accepts('integer', v);
  for (const v of ['1e3', '1.0', '', '+', '-', '007', '+5', 'ten', ' 5', '2147483648', (60.0).toFixed(1)]) rejects('integer', v);
});

test("a JSON number with a fraction or exponent becomes nlohmann's text, so 60.0 is no integer", () => {
  const raw =
    '{"name":"TestCtrlr","properties":{"V":{"variable_name":"V","characteristics":{"dataType":"integer","supportsMonitoring":false},"attributes":[{"type":"Actual","value":60.0}]}}}';
  const [d] = checkVariableRaw(raw);
  assert.match(d.message, /"60\.0", not an integer/);
});

test('decimals: digits with at most one point, no exponent', () => {
  for (const v of ['0', '-1.5', '22000', '0.001', 1.5]) accepts('decimal', v);
  for (const v of ['1e-3', '1.2.3', '.', '', 'abc', '1,5', 1e21]) rejects('decimal', v);
});

test('booleans: true or false in any case at start-up (value-in-list asks for lowercase)', () => {
  for (const v of ['true', 'false', 'True', true, false]) accepts('boolean', v);
  for (const v of ['yes', '1', 1, '']) rejects('boolean', v);
});

test('dateTime: RFC 3339 with a time zone and at most three fraction digits', () => {
  for (const v of ['2024-02-29T00:00:00Z', '2024-01-01T12:30:45.123+01:00', '']) accepts('dateTime', v);
  for (const v of [
    '2024-01-01T00:00:00',
    '2024-13-01T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00.1234Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:00+0100',
  ])
    rejects('dateTime', v);
});

test('strings and lists take any text; an array default is an error', () => {
  accepts('string', 'anything at all');
  accepts('MemberList', 'a,b');
  const [d] = checkVariable(variable('V', { dataType: 'string' }, [{ type: 'Actual' }], { default: ['a'] }), [rule]);
  assert.match(d.message, /is a JSON array/);
});

test('a secret value is never echoed', () => {
  const [d] = checkVariable(
    variable('ApnPassword', { dataType: 'integer' }, [{ type: 'Actual', mutability: 'WriteOnly', value: 'hunter2-secret' }]),
    [rule],
  );
  assert.doesNotMatch(d.message, /hunter2/);
  assert.match(d.message, /14 characters, not shown/);
});

function checkVariableRaw(text: string) {
  return check({ 'standardized/Ctrlr.json': text }, [rule]);
}
