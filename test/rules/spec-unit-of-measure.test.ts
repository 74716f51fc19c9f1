import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-unit-of-measure.js';
import { fixture } from '../support/paths.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });

test('°C on a custom component is an error that names Celsius', () => {
  const [d, ...rest] = check(fixture('broken/spec-unit-of-measure'), 'spec-2.1');
  assert.equal(rest.length, 0);
  assert.equal(d.pointer, '/properties/Setpoint/characteristics/unit');
  assert.equal(d.message, 'CabinetHeater.Setpoint has unit "°C", which is not in the OCPP 2.1 units-of-measure list. Did you mean "Celsius"?');
  assert.match(d.hint ?? '', /Celsius/);
});

test('units from the list pass', () => {
  assert.deepEqual(check(fixture('valid/spec-gating'), 'spec-2.0.1'), []);
});
