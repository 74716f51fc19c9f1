import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean, runRule } from './slot-harness.js';
import { legacyCopy } from '../support/port-b-trees.js';

test('every listed slot has a component: nothing reported', async () => {
  await assertSlotsClean('slot-missing');
});

test('a priority list naming slot 3 without NetworkConfiguration_3 exits 1 and points at the priority value', async () => {
  const { code, report } = await validateFixture('slot-missing', 'broken/slot-missing');
  assert.equal(code, 1);
  const [d, ...rest] = report.diagnostics;
  assert.equal(rest.length, 0);
  assert.equal(d.pointer, '/properties/NetworkConfigurationPriority/attributes/0/value');
  assert.match(d.message, /lists slot 3, but no NetworkConfiguration component has instance "3"/);
  assert.match(d.hint ?? '', /ocppctl add-slot --slot 3/);
});

for (const [what, dir, options] of [
  ["EVerest's shipped config", () => '../shared/reference/everest-component-config', needsReference],
  ['the shipped config without slot files, with a blob for slot 1', () => legacyCopy({ slots: false }), {}],
] as const)
  test(`a slot the legacy blob creates at start-up is not missing (${what})`, options, async () => {
    const { report } = await runRule('slot-missing', dir());
    assert.deepEqual(report.diagnostics, []);
  });
