import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { checkPlan } from '../../src/plan/index.js';
import { formatMigrationReport, planMigrate, readSlots, treeAfter } from '../../src/slots/index.js';
import { applyPlan } from '../../src/files/index.js';
import { copyConfig } from './config-copy.js';
import { LEGACY_PASSWORD, legacyCopy } from '../support/port-b-trees.js';

function setJson(dir: string, file: string, edit: (doc: any) => void) {
  const path = join(dir, 'standardized', file);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}
const setBlob = (dir: string, blob: unknown) =>
  setJson(
    dir,
    'InternalCtrlr.json',
    (d) => (d.properties.NetworkConnectionProfiles.attributes[0].value = typeof blob === 'string' ? blob : JSON.stringify(blob)),
  );
const blobOf = (tree: ReturnType<typeof loadConfigTree>) =>
  (tree.effective.find((c) => c.key.name === 'InternalCtrlr')!.data.properties as any).NetworkConnectionProfiles.attributes[0].value;
const slot = (tree: ReturnType<typeof loadConfigTree>, n: number) => readSlots(tree).find((s) => s.slot === n)!;
const profile = (slot: number, extra: Record<string, unknown> = {}) => ({
  configurationSlot: slot,
  connectionData: {
    messageTimeout: 20,
    ocppCsmsUrl: `ws://csms${slot}.example`,
    ocppInterface: 'Wired0',
    ocppTransport: 'JSON',
    securityProfile: 1,
    ...extra,
  },
});

test('EVerest\'s shipped blob fills the empty slot 1 the way libocpp does at first boot, and clears the blob to ""', needsReference, () => {
  const tree = loadConfigTree(copyConfig('everest-component-config'));
  const { plan, report } = planMigrate(tree);
  assert.equal(report.outcome, 'migrated');
  const after = treeAfter(tree, plan);
  const s1 = slot(after, 1);
  assert.equal(s1.usable, true);
  assert.equal(s1.url, 'ws://localhost:9000');
  assert.equal(s1.messageTimeout, 30);
  assert.deepEqual([s1.identity.value, s1.identity.source], ['cp001', 'slot']);
  assert.deepEqual([s1.password.source, s1.password.length], ['slot', 16]);
  assert.equal(s1.values.OcppVersion.value, 'OCPP20');
  assert.equal(blobOf(after), '');
  assert.deepEqual(checkPlan(tree, plan).introduced, []);
  assert.equal(planMigrate(after).report.outcome, 'empty');
});

test('the shipped config before its first start: the blob fills the empty slot 1 as libocpp does, and is cleared to ""', () => {
  const tree = loadConfigTree(legacyCopy());
  const { plan, report } = planMigrate(tree);
  assert.equal(report.outcome, 'migrated');
  const after = treeAfter(tree, plan);
  const s1 = slot(after, 1);
  assert.equal(s1.usable, true);
  assert.equal(s1.url, 'ws://localhost:9000');
  assert.equal(s1.messageTimeout, 30);
  assert.deepEqual([s1.identity.value, s1.identity.source], ['cs-0001', 'slot']);
  assert.deepEqual([s1.password.source, s1.password.length], ['slot', LEGACY_PASSWORD.length]);
  assert.equal(s1.values.OcppVersion.value, 'OCPP20');
  assert.equal(blobOf(after), '');
  assert.deepEqual(checkPlan(tree, plan).introduced, []);
  assert.equal(planMigrate(after).report.outcome, 'empty');
});

for (const [what, copy, options] of [
  ['the shipped config without slot files', () => legacyCopy({ slots: false }), {}],
  ['the legacy libocpp config', () => copyConfig('libocpp-legacy-component-config'), needsReference],
] as const)
  test(`${what} gets a new NetworkConfiguration_1.json from the template`, options, () => {
    const tree = loadConfigTree(copy());
    const { plan, report } = planMigrate(tree);
    assert.deepEqual(
      plan.changes.map((c) => [c.kind, c.file.replace(/^.*component_config\//, '')]),
      [
        ['create', 'standardized/NetworkConfiguration_1.json'],
        ['edit', 'standardized/InternalCtrlr.json'],
      ],
    );
    assert.equal(report.profiles[0].createsSlot, true);
    assert.equal(slot(treeAfter(tree, plan), 1).usable, true);
    assert.deepEqual(checkPlan(tree, plan).introduced, []);
  });

// The tests below need no more than a config with the legacy blob: the shipped one shaped as EVerest ships its own

test('a URL in a slot the priority lists wins: only the blob is cleared', () => {
  const dir = legacyCopy();
  setJson(dir, 'NetworkConfiguration_1.json', (d) => (d.properties.OcppCsmsUrl.attributes[0].value = 'wss://kept.example'));
  const { plan, report } = planMigrate(loadConfigTree(dir));
  assert.equal(report.outcome, 'slots-win');
  assert.deepEqual(
    plan.changes.map((c) => c.file.replace(/^.*component_config\//, '')),
    ['standardized/InternalCtrlr.json'],
  );
});

test('a populated spare slot that the priority does not list does not stop the migration', () => {
  const dir = legacyCopy();
  setJson(dir, 'NetworkConfiguration_2.json', (d) => (d.properties.OcppCsmsUrl.attributes[0].value = 'ws://spare.example'));
  assert.equal(planMigrate(loadConfigTree(dir)).report.outcome, 'migrated');
});

test('an empty array is only cleared; an empty blob means nothing to do', () => {
  const dir = legacyCopy();
  setBlob(dir, []);
  const r = planMigrate(loadConfigTree(dir));
  assert.equal(r.report.outcome, 'empty-array');
  assert.equal(r.plan.changes.length, 1);
  setBlob(dir, '');
  assert.equal(planMigrate(loadConfigTree(dir)).plan.changes.length, 0);
});

test('a profile for a slot that does not exist creates it, and the priority list is left alone with a note', () => {
  const dir = legacyCopy();
  setBlob(dir, [profile(1), profile(3, { identity: 'cs-3', basicAuthPassword: 'a-password-of-20-ch' })]);
  const tree = loadConfigTree(dir);
  const { plan, report, secrets } = planMigrate(tree);
  const after = treeAfter(tree, plan);
  assert.equal(slot(after, 3).url, 'ws://csms3.example');
  assert.deepEqual([slot(after, 3).identity.source, slot(after, 3).password.source], ['slot', 'slot']);
  assert.match(report.notes.join('\n'), /slot\(s\) 3 are not in NetworkConfigurationPriority/);
  // the passwords, and the cleared blob as a whole, are hidden from any diff
  assert.ok([LEGACY_PASSWORD, 'a-password-of-20-ch'].every((s) => secrets.includes(s)));
  assert.ok(secrets.some((s) => s.startsWith('[{"configurationSlot":1')));
  const text = formatMigrationReport(report);
  assert.doesNotMatch(text, new RegExp(`a-password-of-20-ch|${LEGACY_PASSWORD}`));
  assert.match(text, /BasicAuthPassword = \*\*\*/);
  assert.deepEqual(checkPlan(tree, plan).introduced, []);
});

test('a password or identity the slot cannot hold is reported as skipped, as libocpp only warns', () => {
  const dir = legacyCopy();
  setBlob(dir, [profile(1, { basicAuthPassword: 'short', ocppVersion: 'OCPP15', customData: { vendorId: 'x' } })]);
  const { report } = planMigrate(loadConfigTree(dir));
  const skipped = report.profiles[0].skipped.join('\n');
  assert.match(skipped, /BasicAuthPassword: 5 characters, below the slot's minimum of 16/);
  assert.match(skipped, /OcppVersion OCPP15/);
  assert.match(skipped, /customData/);
  assert.doesNotMatch(skipped, /short/);
});

test('a malformed blob is refused as a whole, with its location, and nothing is planned', async () => {
  const cases: [unknown, RegExp][] = [
    ['[{"configurationSlot": 1,', /not valid JSON/],
    [{ configurationSlot: 1 }, /must be a JSON array/],
    [[{ connectionData: profile(1).connectionData }], /profile 1: configurationSlot is missing/],
    [[profile(0)], /configurationSlot 0 is out of range/],
    [[profile(1, { securityProfile: 5 })], /securityProfile 5 is not 0, 1, 2 or 3/],
    [[profile(1), profile(2, { ocppInterface: 'Wired9' })], /profile 2: \(slot 2\) ocppInterface "Wired9"/],
    [[profile(1, { ocppCsmsUrl: '' })], /ocppCsmsUrl is missing or empty/],
  ];
  for (const [blob, re] of cases) {
    const dir = legacyCopy();
    setBlob(dir, blob);
    const tree = loadConfigTree(dir);
    assert.throws(
      () => planMigrate(tree),
      (err: Error) => {
        assert.match(err.message, re);
        assert.match(
          err.message,
          /standardized\/InternalCtrlr\.json:\d+ \(\/properties\/NetworkConnectionProfiles\/attributes\/0\/value\)/,
        );
        assert.match(err.message, /nothing was written/);
        return true;
      },
    );
  }
});

test('migrating a copy writes the files and a second run finds nothing to do', async () => {
  const dir = legacyCopy();
  const tree = loadConfigTree(dir);
  await applyPlan(planMigrate(tree).plan);
  const again = loadConfigTree(dir);
  assert.equal(blobOf(again), '');
  assert.equal(slot(again, 1).usable, true);
  assert.equal(planMigrate(again).report.outcome, 'empty');
});
