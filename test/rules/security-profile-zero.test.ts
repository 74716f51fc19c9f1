import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/security-profile-zero.js';
import { component, fullSlot, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

test('slots with profile 1 or more pass', async () => {
  await assertSlotsClean('security-profile-zero');
});

test('a profile 0 slot without AllowSecurityLevelZeroConnections exits 1 at its SecurityProfile', async () => {
  const { code, report } = await validateFixture('security-profile-zero', 'broken/security-profile-zero');
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.match(d.file, /NetworkConfiguration_2\.json$/);
  assert.equal(d.pointer, '/properties/SecurityProfile/attributes/0/value');
  assert.equal(d.related?.[0].message, 'AllowSecurityLevelZeroConnections');
});

test('AllowSecurityLevelZeroConnections=true (any case, as libocpp reads booleans) allows profile 0', () => {
  const files = (allow: unknown) => ({
    'i.json': component('InternalCtrlr', { AllowSecurityLevelZeroConnections: { value: allow, dataType: 'boolean' } }),
    'n.json': fullSlot('1', { OcppCsmsUrl: { value: 'ws://lab.example.com/' }, SecurityProfile: { value: '0', dataType: 'integer' } }),
  });
  assert.deepEqual(validateTree(loadConfigTree(writeConfig(files('TRUE'))), { rules: [rule] }), []);
  assert.equal(validateTree(loadConfigTree(writeConfig(files('yes'))), { rules: [rule] }).length, 1);
});
