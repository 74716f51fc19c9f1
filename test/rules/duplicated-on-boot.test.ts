import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/duplicated-on-boot.js';
import { assertClean, check, checkVariable, component, variable } from './rule-harness.js';

test('a config without empty instances, attribute-less variables or CustomMonitors passes', async () => {
  await assertClean('duplicated-on-boot');
});

test('an empty component instance is an error at the instance', () => {
  const d = check({ 'standardized/C.json': component('C', { A: variable('A', { dataType: 'string' }) }, { instance: '' }) }, [rule]);
  assert.deepEqual(
    d.map((x) => x.pointer),
    ['/instance'],
  );
  assert.match(d[0].message, /again at every boot/);
});

test('an empty variable instance, an empty attribute list and a configured CustomMonitor are errors', () => {
  assert.deepEqual(
    checkVariable(variable('A', { dataType: 'string' }, undefined, { instance: '' }), [rule]).map((x) =>
      x.pointer.replace(/^\/properties\/[^/]+/, ''),
    ),
    ['/instance'],
  );
  assert.deepEqual(
    checkVariable(variable('A', { dataType: 'string' }, []), [rule]).map((x) => x.pointer.replace(/^\/properties\/[^/]+/, '')),
    ['/attributes'],
  );
  const monitored = variable('A', { dataType: 'integer', supportsMonitoring: true }, undefined, {
    monitors: [
      { config_type: 'PreconfiguredMonitor', type: 'UpperThreshold', severity: 5, value: 1 },
      { config_type: 'CustomMonitor', type: 'LowerThreshold', severity: 5, value: 0 },
    ],
  });
  assert.deepEqual(
    checkVariable(monitored, [rule]).map((x) => x.pointer.replace(/^\/properties\/[^/]+/, '')),
    ['/monitors/1/config_type'],
  );
});

test('a component with no variables is an error', () => {
  assert.deepEqual(
    check({ 'standardized/C.json': component('C', {}) }, [rule]).map((x) => x.pointer),
    ['/properties'],
  );
});
