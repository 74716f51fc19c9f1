import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { readPriority, readSlots, splitList, stoi } from '../../src/slots/index.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { LEGACY_PASSWORD, legacyCopy } from '../support/port-b-trees.js';
import { commCtrlr, component, fullSlot, securityCtrlr, writeConfig } from './slot-config.js';

const everest = () => loadConfigTree(join(REFERENCE, 'everest-component-config'));
// the shipped config shaped as EVerest ships its own (priority the number 1, empty slots, a blob): no ../shared needed
const shipped = () => loadConfigTree(legacyCopy());
const slotsOf = (files: Record<string, unknown>, custom?: Record<string, unknown>) => readSlots(loadConfigTree(writeConfig(files, custom)));

for (const [what, tree, options] of [
  ["EVerest's", everest, needsReference],
  ["the legacy-shaped shipped config's", shipped, {}],
] as const)
  test(`${what} priority is the JSON number 1, read as slot 1 with valuesList 1,2`, options, () => {
    const p = readPriority(tree());
    assert.equal(p.value, '1');
    assert.equal(p.raw, 1);
    assert.equal(p.fromDefault, false);
    assert.deepEqual(p.slots, [1]);
    assert.deepEqual(p.valuesListTokens, ['1', '2']);
    assert.equal(p.file?.file.endsWith('standardized/OCPPCommCtrlr.json'), true);
    assert.match(p.pointer, /^\/properties\/NetworkConfigurationPriority\/attributes\/\d+\/value$/);
  });

for (const [what, tree, identity, passwordLength, twoProblem, options] of [
  ["EVerest's", everest, 'cp001', 16, 'OcppCsmsUrl has no value', needsReference],
  ["the legacy-shaped shipped config's", shipped, 'cs-0001', LEGACY_PASSWORD.length, 'OcppCsmsUrl is empty', {}],
] as const)
  test(`${what} slots are both unusable until the legacy blob fills slot 1, and fall back to SecurityCtrlr`, options, () => {
    const [one, two] = readSlots(tree());
    assert.equal(one.slot, 1);
    assert.equal(one.usable, false);
    assert.deepEqual([one.problem?.kind, one.problem?.variable, one.problem?.message], ['missing', 'OcppCsmsUrl', 'OcppCsmsUrl is empty']);
    assert.equal(one.priorityIndex, 0);
    assert.deepEqual([one.identity.value, one.identity.source], [identity, 'SecurityCtrlr']);
    assert.deepEqual([one.password.set, one.password.source, one.password.length], [true, 'SecurityCtrlr', passwordLength]);
    assert.equal(two.slot, 2);
    assert.equal(two.priorityIndex, undefined);
    assert.equal(two.problem?.message, twoProblem);
  });

test('priority tokens split like libocpp: untrimmed, lenient stoi, a trailing comma adds nothing', () => {
  assert.deepEqual(splitList('1, 2,x,,3,'), ['1', ' 2', 'x', '', '3']);
  assert.deepEqual(splitList(''), []);
  const p = readPriority(loadConfigTree(writeConfig({ 'c.json': commCtrlr('1, 2,2a,x,,3,', '1,2,3') })));
  assert.deepEqual(p.slots, [1, 2, 2, 3]);
  assert.deepEqual(
    p.tokens.map((t) => [t.text, t.slot, t.plain]),
    [
      ['1', 1, true],
      [' 2', 2, false],
      ['2a', 2, false],
      ['x', undefined, false],
      ['', undefined, false],
      ['3', 3, true],
    ],
  );
});

test('stoi reads what std::stoi reads and refuses what it throws on', () => {
  assert.deepEqual(['7', ' 7', '+7', '-7', '7abc', '007'].map(stoi), [7, 7, 7, -7, 7, 7]);
  assert.deepEqual(['', 'abc', ' ', '2147483648', '-2147483649'].map(stoi), [undefined, undefined, undefined, undefined, undefined]);
  assert.equal(stoi('2147483647'), 2147483647);
});

test('a complete slot is usable and reports its values, identity and password source without the password', () => {
  const [s] = slotsOf({
    'c.json': commCtrlr('1'),
    'n.json': fullSlot('1', { Identity: { value: 'slot-id' }, BasicAuthPassword: { value: 'sixteen-chars-pw' } }),
    's.json': securityCtrlr(),
  });
  assert.equal(s.usable, true);
  assert.equal(s.problem, undefined);
  assert.deepEqual(
    [s.url, s.securityProfile, s.ocppInterface, s.ocppTransport, s.messageTimeout],
    ['wss://csms.example.com/ocpp', 2, 'Wired0', 'JSON', 30],
  );
  assert.deepEqual([s.identity.value, s.identity.source], ['slot-id', 'slot']);
  assert.deepEqual([s.password.set, s.password.source, s.password.length], [true, 'slot', 16]);
  assert.equal(s.values.BasicAuthPassword.value, undefined);
  assert.equal(s.values.BasicAuthPassword.length, 16);
  const skipSources = (k: string, v: unknown) => (['component', 'variable', 'file'].includes(k) ? undefined : v);
  assert.ok(!JSON.stringify(s, skipSources).includes('sixteen-chars-pw'));
});

test('an empty slot Identity or password falls back to SecurityCtrlr; none at all is reported as none', () => {
  const [withFallback] = slotsOf({
    'n.json': fullSlot('1', { Identity: { value: '' }, BasicAuthPassword: { value: '' } }),
    's.json': securityCtrlr(),
  });
  assert.deepEqual(
    [withFallback.identity.value, withFallback.identity.source, withFallback.password.source],
    ['cp042', 'SecurityCtrlr', 'SecurityCtrlr'],
  );
  const [bare] = slotsOf({ 'n.json': fullSlot('1') });
  assert.deepEqual([bare.identity.source, bare.password.set, bare.password.source], ['none', false, 'none']);
});

test('each of the five core variables, missing, makes the slot unusable and is named first in libocpp order', () => {
  for (const name of ['OcppCsmsUrl', 'SecurityProfile', 'OcppInterface', 'OcppTransport', 'MessageTimeout']) {
    const slot = fullSlot('1');
    delete slot.properties[name];
    const [s] = slotsOf({ 'n.json': slot });
    assert.equal(s.usable, false, name);
    assert.deepEqual([s.problem?.kind, s.problem?.variable, s.problem?.message], ['missing', name, `${name} is missing`]);
  }
});

test('values libocpp cannot convert make the slot unusable', () => {
  const cases: [Record<string, { value: unknown }>, string][] = [
    [{ SecurityProfile: { value: 'two' } }, 'SecurityProfile "two" is not an integer'],
    [
      { OcppInterface: { value: 'wired0' } },
      'OcppInterface "wired0" is not one of Wired0, Wired1, Wired2, Wired3, Wireless0, Wireless1, Wireless2, Wireless3, Any',
    ],
    [{ OcppTransport: { value: 'XML' } }, 'OcppTransport "XML" is not one of JSON, SOAP'],
    [{ OcppVersion: { value: '' } }, 'OcppVersion "" is not one of OCPP12, OCPP15, OCPP16, OCPP20, OCPP201, OCPP21'],
    [{ Identity: { value: 'x'.repeat(49) } }, 'Identity has 49 characters, more than the 48 libocpp can hold'],
    [{ OcppCsmsUrl: { value: 'wss://csms.example.com/ö' } }, 'OcppCsmsUrl holds characters other than printable ASCII'],
    [{ BasicAuthPassword: { value: 'p'.repeat(65) } }, 'BasicAuthPassword has 65 characters, more than the 64 libocpp can hold'],
  ];
  for (const [overrides, message] of cases) {
    const [s] = slotsOf({ 'n.json': fullSlot('1', overrides) });
    assert.equal(s.problem?.message, message);
    assert.equal(s.problem?.kind, 'invalid');
  }
});

test('a lenient integer such as " 3" still gives a usable slot, as stoi reads it', () => {
  const [s] = slotsOf({ 'n.json': fullSlot('1', { SecurityProfile: { value: ' 3' } }) });
  assert.equal(s.usable, true);
  assert.equal(s.securityProfile, 3);
});

test('APN and VPN must be complete only when enabled', () => {
  const [apnOff] = slotsOf({ 'n.json': fullSlot('1', { ApnEnabled: { value: false, dataType: 'boolean' } }) });
  assert.equal(apnOff.usable, true);
  const [apnOn] = slotsOf({ 'n.json': fullSlot('1', { ApnEnabled: { value: 'TRUE', dataType: 'boolean' } }) });
  assert.equal(apnOn.problem?.message, 'Apn has no value, but ApnEnabled is true');
  const [vpn] = slotsOf({
    'n.json': fullSlot('1', { VpnEnabled: { value: true, dataType: 'boolean' }, VpnServer: { value: 'vpn.example.com' } }),
  });
  assert.equal(vpn.problem?.message, 'VpnUser has no value, but VpnEnabled is true');
});

test('a default fills the value only when an Actual attribute exists', () => {
  const slot = fullSlot('1', {
    MessageTimeout: { default: 45, dataType: 'integer', attributes: [{ type: 'Target', mutability: 'ReadWrite' }] },
  });
  const [s] = slotsOf({ 'n.json': slot });
  assert.equal(s.problem?.message, 'MessageTimeout has no value');
  const [d] = slotsOf({ 'n.json': fullSlot('1', { MessageTimeout: { default: 45, dataType: 'integer' } }) });
  assert.deepEqual([d.usable, d.messageTimeout, d.values.MessageTimeout.fromDefault], [true, 45, true]);
  assert.match(d.values.MessageTimeout.pointer, /\/default$/);
});

test('slots are numbered by instance; instances libocpp never builds are kept but not addressable', () => {
  const slots = slotsOf({
    'a.json': fullSlot('2'),
    'b.json': fullSlot('01'),
    'c.json': fullSlot('1'),
    'd.json': component('NetworkConfiguration', {}, { instance: '3', evse_id: 1 }),
    'p.json': commCtrlr('2,1'),
  });
  assert.deepEqual(
    slots.map((s) => s.slot),
    [1, 2, undefined, undefined],
  );
  assert.deepEqual(
    slots.map((s) => s.priorityIndex),
    [1, 0, undefined, undefined],
  );
  assert.equal(slots[2].problem?.kind, 'not-addressable');
  assert.equal(
    slots[2].problem?.message,
    'libocpp reaches slot N through instance "N" and no evse or connector; instance "01" is never read',
  );
});

test('a custom/ slot replaces the standardized one with the same instance', () => {
  const slots = slotsOf({ 'n.json': fullSlot('1', { OcppCsmsUrl: { value: '' } }) }, { 'n.json': fullSlot('1') });
  assert.equal(slots.length, 1);
  assert.equal(slots[0].usable, true);
  assert.ok(slots[0].file.file.endsWith('custom/n.json'));
});

test('a tree without OCPPCommCtrlr gives an empty priority record rather than throwing', () => {
  const p = readPriority(loadConfigTree(writeConfig({ 'n.json': fullSlot('1') })));
  assert.deepEqual([p.present, p.slots, p.variable, p.component], [false, [], undefined, undefined]);
});
