import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/slot-file-name.js';
import { fullSlot, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

const check = (files: Record<string, unknown>) =>
  validateTree(loadConfigTree(writeConfig(files)), { rules: [rule] }).map((d) => `${d.file.split('/').pop()} ${d.pointer}: ${d.message}`);

test('slot files named after their instance pass', async () => {
  await assertSlotsClean('slot-file-name');
});

test('NetworkConfiguration_3.json holding slot 2 is an error at its instance', async () => {
  const { code, report } = await validateFixture('slot-file-name', 'broken/slot-file-name');
  assert.equal(code, 1);
  assert.equal(report.diagnostics.length, 1);
  const [d] = report.diagnostics;
  assert.equal(d.pointer, '/instance');
  assert.equal(d.message, 'NetworkConfiguration_3.json holds slot 2 (its "instance"), not slot 3');
});

test('a slot file without an instance, and a slot in a file of another name, are reported', () => {
  const { instance: _drop, ...noInstance } = fullSlot('1') as Record<string, unknown>;
  assert.deepEqual(check({ 'NetworkConfiguration_1.json': noInstance, 'backup-slot.json': fullSlot('2') }), [
    'NetworkConfiguration_1.json : NetworkConfiguration_1.json has no top-level "instance", so libocpp cannot address it as slot 1',
    'backup-slot.json /instance: slot 2 is in backup-slot.json; ocppctl and people look for it in NetworkConfiguration_2.json',
  ]);
});
