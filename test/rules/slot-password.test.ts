import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean, runRule } from './slot-harness.js';

test('a SecurityCtrlr password covers every slot without its own', async () => {
  await assertSlotsClean('slot-password');
});

test('profile 2 slots with no password anywhere get an info each and exit 0', async () => {
  const { code, report } = await validateFixture('slot-password', 'broken/slot-password');
  assert.equal(code, 0);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.severity, d.file.replace(/.*\//, '')]),
    [
      ['info', 'NetworkConfiguration_1.json'],
      ['info', 'NetworkConfiguration_2.json'],
    ],
  );
});

test('the shipped config keeps its password out of the files and says so', async () => {
  const { report } = await runRule('slot-password', 'component_config');
  assert.equal(report.diagnostics.length, 2);
  assert.ok(report.diagnostics.every((d) => d.severity === 'info'));
});
