import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/priority-values-list.js';
import { commCtrlr, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

const check = (priority: unknown, valuesList = '1,2') =>
  validateTree(loadConfigTree(writeConfig({ 'OCPPCommCtrlr.json': commCtrlr(priority, valuesList) })), { rules: [rule] }).map(
    (d) => `${d.severity}: ${d.message}`,
  );

test('plain slot numbers from the valuesList pass', async () => {
  await assertSlotsClean('priority-values-list');
  assert.deepEqual(check('2,1'), []);
});

test('"1, 2" exits 1: libocpp reads " 2" only through stoi and rejects the list on every write', async () => {
  const { code, report } = await validateFixture('priority-values-list', 'broken/priority-values-list');
  assert.equal(code, 1);
  assert.equal(report.diagnostics.length, 1);
  assert.match(report.diagnostics[0].message, /holds " 2"; libocpp reads it as slot 2 only through std::stoi's leniency/);
});

test('a slot outside the valuesList, a non-number and a repeated slot are reported', () => {
  assert.deepEqual(check('1,3,x,1'), [
    'error: slot 3 is not in the valuesList "1,2" of NetworkConfigurationPriority; libocpp rejects this list when it is written and SetNetworkProfile for the slot',
    'error: NetworkConfigurationPriority holds "x", which is not a slot number; libocpp skips it',
    'warning: NetworkConfigurationPriority lists slot 1 more than once',
  ]);
});
