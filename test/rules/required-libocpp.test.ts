import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { runRule } from './slot-harness.js';

test("the shipped config and EVerest's config have every variable libocpp requires", needsReference, async () => {
  for (const dir of ['component_config', '../shared/reference/everest-component-config']) {
    const { code, report } = await runRule('required-libocpp', dir);
    assert.deepEqual(report.diagnostics, [], dir);
    assert.equal(code, 0);
  }
});

test('missing components are reported once each, missing variables and values where they belong', async () => {
  const { code, report } = await validateFixture('required-libocpp', 'broken/required-libocpp');
  assert.equal(code, 1);
  const messages = report.diagnostics.map((d) => d.message);
  assert.ok(messages.includes('InternalCtrlr has no ChargePointVendor; libocpp refuses to start without it'));
  assert.ok(messages.includes('InternalCtrlr.NetworkConnectionProfiles has no value; libocpp refuses to start without it'));
  assert.ok(messages.includes('there is no OCPP16LegacyCtrlr component; libocpp refuses to start without its NumberOfConnectors'));
  assert.equal(messages.filter((m) => m.startsWith('there is no OCPPCommCtrlr component')).length, 1);
});

test('a controller whose Available is true needs its gated variables; Available=false needs none', async () => {
  const { report } = await validateFixture('required-libocpp', 'broken/required-libocpp');
  const gated = report.diagnostics.filter((d) => /because \w+\.Available/.test(d.message)).map((d) => d.message);
  assert.deepEqual(gated, ['LocalAuthListCtrlr has no Entries; libocpp requires it at start-up because LocalAuthListCtrlr.Available is true']);
});
