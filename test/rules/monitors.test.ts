import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/monitors.js';
import { assertClean, checkVariable, validateFixture, variable } from './rule-harness.js';

const monitored = (monitors: unknown[], characteristics: Record<string, unknown> = { dataType: 'integer' }) =>
  checkVariable(variable('V', { ...characteristics, supportsMonitoring: true }, undefined, { monitors }), [rule]);
const m = (type: string, value: number, extra: Record<string, unknown> = {}) => ({
  config_type: 'PreconfiguredMonitor',
  severity: 5,
  type,
  value,
  ...extra,
});

test('monitors on monitorable variables with a reference value for Delta pass', async () => {
  await assertClean('monitors');
});

test('a Delta monitor without reference_value is an error: libocpp refuses to build the database', async () => {
  const { code, report } = await validateFixture('monitors', 'broken/monitors');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/HeartbeatInterval/monitors/0');
});

test('monitors on a variable without supportsMonitoring are an error at the monitors key', async () => {
  const { code, report } = await validateFixture('monitors', 'broken/monitors-unsupported');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/NetworkConfigurationPriority/monitors');
  assert.equal(report.diagnostics[0].column, 7, 'points at the key');
});

test('negative Delta, non-positive Periodic, thresholds outside the limits and type/severity twice are errors', () => {
  assert.equal(monitored([m('Delta', -1, { reference_value: '0' })]).length, 1);
  assert.equal(monitored([m('Periodic', 0)]).length, 1);
  assert.equal(monitored([m('UpperThreshold', 11)], { dataType: 'integer', maxLimit: 10 }).length, 1);
  assert.equal(monitored([m('UpperThreshold', 5), m('UpperThreshold', 6)]).length, 1);
  assert.deepEqual(monitored([m('UpperThreshold', 5), m('LowerThreshold', 1), m('Periodic', 60)]), []);
});

test('TargetDelta and TargetDeltaRelative are errors under every target: libocpp has no MONITOR row for them and init-db refuses', async () => {
  for (const type of ['TargetDelta', 'TargetDeltaRelative'])
    for (const target of ['libocpp', 'spec-2.0.1', 'spec-2.1'] as const) {
      const v = variable('V', { dataType: 'decimal', supportsMonitoring: true }, undefined, { monitors: [m(type, 1)] });
      const found = checkVariable(v, [rule], target);
      assert.equal(found.length, 1, `${type} under ${target}`);
      assert.equal(found[0].severity, 'error');
      assert.equal(found[0].pointer, '/properties/V/monitors/0/type');
      assert.match(found[0].message, /MONITOR table/);
    }
});
