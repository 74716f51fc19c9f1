import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/name-length.js';
import { assertClean, check, component, validateFixture, variable } from './rule-harness.js';

test('names of at most 50 characters pass', async () => {
  await assertClean('name-length');
  assert.deepEqual(
    check({ 'standardized/C.json': component('C'.repeat(50), { V: variable('V'.repeat(50), { dataType: 'string' }) }) }, [rule]),
    [],
  );
});

test('a 55-character variable name is an error: OCPP names are string[50]', async () => {
  const { code, report } = await validateFixture('name-length', 'broken/name-length');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/OrganizationName/variable_name');
});

test('component names and both instances are checked too', () => {
  const long = 'x'.repeat(51);
  const found = check(
    {
      'standardized/C.json': component(
        long,
        { V: variable('V', { dataType: 'string' }, undefined, { instance: long }) },
        { instance: long },
      ),
    },
    [rule],
  );
  assert.deepEqual(found.map((d) => d.pointer).sort(), ['/instance', '/name', '/properties/V/instance']);
});
