import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { checkPlan } from '../../src/plan/index.js';
import { planAddSlot, treeAfter, slotComponents } from '../../src/slots/index.js';
import type { SlotSettings } from '../../src/slots/index.js';
// the shipped config shaped as EVerest ships its own, migrated: runs without ../shared
import { LEGACY_PASSWORD, legacyMigratedCopy as migratedCopy } from '../support/port-b-trees.js';

const base: SlotSettings = {
  url: 'wss://csms.example.com/ocpp',
  securityProfile: 2,
  interface: 'Any',
  transport: 'JSON',
  messageTimeout: 30,
};

test('a new slot takes the lowest free number and joins both the priority value and its valuesList', async () => {
  const tree = loadConfigTree(await migratedCopy());
  const { plan, slot } = planAddSlot(tree, base);
  assert.equal(slot, 3);
  const after = treeAfter(tree, plan);
  const comm = after.effective.find((c) => c.key.name === 'OCPPCommCtrlr')!;
  const priority = (comm.data.properties as any).NetworkConfigurationPriority;
  assert.equal(priority.attributes[0].value, '1,3');
  assert.equal(priority.characteristics.valuesList, '1,2,3');
  assert.ok(slotComponents(after).has(3));
  assert.deepEqual(checkPlan(tree, plan).introduced, []);
});

test('the priority edit leaves every other byte of OCPPCommCtrlr.json as it was', async () => {
  const dir = await migratedCopy();
  const tree = loadConfigTree(dir);
  const { plan } = planAddSlot(tree, base, { priority: 'first' });
  const edit = plan.changes.find((c) => c.kind === 'edit')!;
  assert.equal(edit.kind, 'edit');
  const before = readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8');
  const after = edit.kind === 'edit' ? edit.after : '';
  const expected = before
    .replace(/"valuesList": "1,2"(,?)\n/, '"valuesList": "1,2,3"$1\n')
    .replace(/("NetworkConfigurationPriority"[\s\S]*?"value": )1\n/, '$1"3,1"\n');
  assert.equal(after, expected);
});

test('--priority accepts a position and none keeps the slot a spare', async () => {
  const tree = loadConfigTree(await migratedCopy());
  const at = (placement: 'none' | number) => {
    const t = treeAfter(tree, planAddSlot(tree, base, { priority: placement, slot: 5 }).plan);
    return (t.effective.find((c) => c.key.name === 'OCPPCommCtrlr')!.data.properties as any).NetworkConfigurationPriority;
  };
  assert.equal(at(1).attributes[0].value, '5,1');
  assert.equal(at(2).attributes[0].value, '1,5');
  assert.equal(at('none').attributes[0].value, 1);
  assert.equal(at('none').characteristics.valuesList, '1,2,5');
});

test('refuses an existing slot, a scheme that does not match the profile, and profile 0 where libocpp refuses it', async () => {
  const tree = loadConfigTree(await migratedCopy());
  assert.throws(() => planAddSlot(tree, base, { slot: 2 }), /slot 2 already exists.*ocppctl set-slot 2/);
  assert.throws(() => planAddSlot(tree, { ...base, url: 'ws://csms.example.com' }), /security profile 2 needs a wss:\/\/ URL/);
  assert.throws(() => planAddSlot(tree, { ...base, url: 'wss://x.example', securityProfile: 1 }), /needs a ws:\/\/ URL/);
  assert.throws(() => planAddSlot(tree, { ...base, url: 'ws://x.example', securityProfile: 0 }), /AllowSecurityLevelZeroConnections/);
  assert.throws(() => planAddSlot(tree, { ...base, password: 'short' }), /16 to 64/);
  assert.throws(() => planAddSlot(tree, { ...base, identity: 'a:b' }), /identity may hold only/);
});

test('profile 1 without a password uses SecurityCtrlr.BasicAuthPassword, and with none anywhere is accepted with a note, as validate accepts it', async () => {
  const dir = await migratedCopy();
  const settings = { ...base, url: 'ws://csms.example.com', securityProfile: 1 };
  const ok = planAddSlot(loadConfigTree(dir), settings);
  assert.ok(ok.notes.some((n) => /uses SecurityCtrlr.BasicAuthPassword/.test(n)));
  const path = join(dir, 'standardized/SecurityCtrlr.json');
  writeFileSync(path, readFileSync(path, 'utf8').replace(`"${LEGACY_PASSWORD}"`, '""'));
  const none = planAddSlot(loadConfigTree(dir), settings);
  assert.ok(
    none.notes.some((n) =>
      /slot 3 \(security profile 1\) has no password.*provided at installation \(ocppctl set-slot 3 --password-env VAR\)/.test(n),
    ),
    none.notes.join('\n'),
  );
});
