import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/slot-count.js';
import { commCtrlr, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

test('two configured slots pass', async () => {
  await assertSlotsClean('slot-count');
});

test('a single configured slot is a warning only: exit 0', async () => {
  const { code, report } = await validateFixture('slot-count', 'broken/slot-count');
  assert.equal(code, 0);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.severity, d.message]),
    [
      [
        'warning',
        'only slot 1 in NetworkConfigurationPriority can be dialled; when its CSMS is unreachable libocpp has no other slot to fall back to',
      ],
    ],
  );
});

test('an empty priority list is an error', () => {
  const found = validateTree(loadConfigTree(writeConfig({ 'c.json': commCtrlr('') })), { rules: [rule] });
  assert.deepEqual(
    found.map((d) => [d.severity, d.message]),
    [['error', 'NetworkConfigurationPriority names no slot; libocpp has no CSMS to connect to']],
  );
});
