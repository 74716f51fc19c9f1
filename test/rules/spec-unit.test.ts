import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-unit.js';
import { fixture } from '../support/paths.js';
import { check as checkFiles, component, variable } from './rule-harness.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });

test('EVSE.Power in VA is an error: the standard gives W or kW', () => {
  for (const target of ['spec-2.0.1', 'spec-2.1'] as const) {
    const [d, ...rest] = check(fixture('broken/spec-unit'), target);
    assert.equal(rest.length, 0);
    assert.equal(d.pointer, '/properties/EVSEPower/characteristics/unit');
    assert.match(d.message, /^EVSE \(evse 1\)\.Power has unit "VA"; OCPP 2\.(0\.1|1) gives "W" or "kW"$/);
  }
});

test('a variable without unit, or with a unit the standard does not give, is left alone', () => {
  assert.deepEqual(check(fixture('valid/spec-gating'), 'spec-2.1'), []);
});

test('ms where the standard gives s: the hint divides by 1000, never a bare "use s"', () => {
  const [d, ...rest] = checkFiles(
    {
      'standardized/TxCtrlr.json': component('TxCtrlr', {
        EVConnectionTimeOut: variable('EVConnectionTimeOut', { dataType: 'integer', unit: 'ms' }),
      }),
    },
    [rule],
    'spec-2.1',
  );
  assert.equal(rest.length, 0);
  assert.equal(d.message, 'TxCtrlr.EVConnectionTimeOut has unit "ms"; OCPP 2.1 gives "s"');
  assert.equal(d.hint, 'set characteristics.unit to "s" and divide every value by 1000');
});
