import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-unit-of-measure.js';
import { fixture } from '../support/paths.js';
import { check as checkFiles, component, variable } from './rule-harness.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });

test('°C on a custom component is an error that names Celsius', () => {
  const [d, ...rest] = check(fixture('broken/spec-unit-of-measure'), 'spec-2.1');
  assert.equal(rest.length, 0);
  assert.equal(d.pointer, '/properties/Setpoint/characteristics/unit');
  assert.equal(
    d.message,
    'CabinetHeater.Setpoint has unit "°C", which is not in the OCPP 2.1 units-of-measure list. Did you mean "Celsius"?',
  );
  assert.match(d.hint ?? '', /Celsius/);
});

test('units from the list pass', () => {
  assert.deepEqual(check(fixture('valid/spec-gating'), 'spec-2.0.1'), []);
});

const oneUnit = (componentName: string, unit: string) =>
  checkFiles(
    { [`standardized/${componentName}.json`]: component(componentName, { Timeout: variable('Timeout', { dataType: 'integer', unit }) }) },
    [rule],
    'spec-2.1',
  );

test('ms is never answered with "did you mean s": that would read every value a thousand times larger', () => {
  const [d, ...rest] = oneUnit('HeaterCtrlr', 'ms');
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'error');
  assert.equal(d.message, 'HeaterCtrlr.Timeout has unit "ms", which is not in the OCPP 2.1 units-of-measure list');
  assert.doesNotMatch(`${d.message} ${d.hint}`, /did you mean/i);
  assert.equal(d.hint, 'keep "ms" (a CSMS sees a vendor-specific unit), or use "s" and divide every value by 1000');
});

test("a vendor unit on libocpp's own components (InternalCtrlr, OCPP16LegacyCtrlr) is a warning", () => {
  for (const name of ['InternalCtrlr', 'OCPP16LegacyCtrlr']) {
    const [d, ...rest] = oneUnit(name, 'ms');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning', name);
    assert.match(d.message, new RegExp(`; ${name} is libocpp's own component, and a CSMS sees the unit as vendor-specific$`));
  }
  // the same unit on a component of the standard stays an error
  assert.equal(oneUnit('TxCtrlr', 'ms')[0].severity, 'error');
});

test('a unit named like an Object property is not taken for an alias', () => {
  const [d] = oneUnit('HeaterCtrlr', 'constructor');
  assert.equal(d.message, 'HeaterCtrlr.Timeout has unit "constructor", which is not in the OCPP 2.1 units-of-measure list');
});
