import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, validateFixture } from './rule-harness.js';

test('component files with the shape libocpp reads pass', async () => {
  await assertClean('component-schema');
});

test('a file without "properties" is an error: libocpp would skip the component with only a warning', async () => {
  const { code, report } = await validateFixture('component-schema', 'broken/component-schema');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /missing required property "properties"/);
});

// Each of these makes libocpp's initializer throw; each fixture has exactly this one defect.
const cases: [string, string, RegExp][] = [
  ['evse-id-string', '/evse_id', /must be an integer, not a string/],
  ['supports-monitoring-string', '/properties/Available/characteristics/supportsMonitoring', /must be a boolean, not a string/],
  ['unit-too-long', '/properties/Power/characteristics/unit', /has 18 characters; at most 16/],
  ['unknown-mutability', '/properties/SecurityProfile/attributes/0/mutability', /"ReadOnce"; expected one of/],
  ['unknown-attribute-type', '/properties/DateTime/attributes/0/type', /"Current"; expected one of/],
  ['no-attributes', '/properties/TimeSource', /missing required property "attributes"/],
];
for (const [name, pointer, message] of cases)
  test(`component-schema rejects ${name.replace(/-/g, ' ')} with one located error`, async () => {
    const { code, report } = await validateFixture('component-schema', `broken/component-schema-${name}`);
    assert.equal(code, 1);
    assert.equal(report.diagnostics.length, 1);
    assert.equal(report.diagnostics[0].pointer, pointer);
    assert.match(report.diagnostics[0].message, message);
  });
