import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/duplicate-component.js';
import { assertClean, check, component, validateFixture } from './rule-harness.js';

test('components with distinct keys pass', async () => {
  await assertClean('duplicate-component');
});

test('two custom/ files for EVSE 1 are an error that points at both files', async () => {
  const { code, report } = await validateFixture('duplicate-component', 'broken/duplicate-component');
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.severity, 'error');
  assert.equal(d.related?.[0].file, 'fixtures/broken/duplicate-component/component_config/custom/EVSE_1-copy.json');
  assert.equal(d.related?.[0].line, 2);
});

test('a custom/ file replacing a standardized/ one is info only, as libocpp uses the custom one', async () => {
  const { code, report } = await validateFixture('duplicate-component', 'broken/duplicate-component-override');
  assert.equal(code, 0);
  assert.equal(report.diagnostics[0].severity, 'info');
  assert.match(report.diagnostics[0].file, /custom\/ClockCtrlr\.json$/);
  assert.match(report.diagnostics[0].related?.[0].file ?? '', /standardized\/ClockCtrlr\.json$/);
});

test('EVSE files whose evse_id is a string are left to component-schema, not reported as duplicates', () => {
  const evse = (id: unknown) => component('EVSE', {}, { evse_id: id });
  assert.deepEqual(check({ 'custom/EVSE_1.json': evse('1'), 'custom/EVSE_2.json': evse('2') }, [rule]), []);
  assert.equal(check({ 'custom/EVSE_1.json': evse(1), 'custom/EVSE_2.json': evse(1) }, [rule]).length, 1);
});
