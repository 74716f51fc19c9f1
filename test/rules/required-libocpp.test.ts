import { needsReference, ROOT } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFixture } from './rule-harness.js';
import { runRule } from './slot-harness.js';

for (const [what, dir, options] of [
  ['the shipped config', 'component_config', {}],
  ["EVerest's config", '../shared/reference/everest-component-config', needsReference],
] as const)
  test(`${what} has every variable libocpp requires`, options, async () => {
    const { code, report } = await runRule('required-libocpp', dir);
    assert.deepEqual(report.diagnostics, [], dir);
    assert.equal(code, 0);
  });

test('missing components are reported once each, missing variables and values where they belong', async () => {
  const { code, report } = await validateFixture('required-libocpp', 'broken/required-libocpp');
  assert.equal(code, 1);
  const messages = report.diagnostics.map((d) => d.message);
  assert.ok(messages.includes('InternalCtrlr has no ChargePointVendor; libocpp refuses to start without it'));
  assert.ok(messages.includes('InternalCtrlr.NetworkConnectionProfiles has no value; libocpp refuses to start without it'));
  // EVerest's OCPP module adds libocpp's built-in OCPP16LegacyCtrlr: its absence is not a refusal to start
  assert.ok(!messages.some((m) => m.startsWith('there is no OCPP16LegacyCtrlr component; libocpp refuses')));
  const legacy = report.diagnostics.filter((d) => d.message.startsWith('there is no OCPP16LegacyCtrlr component'));
  assert.equal(legacy.length, 1);
  assert.equal(legacy[0].severity, 'info');
  assert.match(legacy[0].message, /adds libocpp's built-in one at start-up .*NumberOfConnectors 1 and GetConfigurationMaxKeys 1000/);
  assert.equal(messages.filter((m) => m.startsWith('there is no OCPPCommCtrlr component')).length, 1);
});

test('a controller whose Available is true needs its gated variables; Available=false needs none', async () => {
  const { report } = await validateFixture('required-libocpp', 'broken/required-libocpp');
  const gated = report.diagnostics.filter((d) => /because \w+\.Available/.test(d.message)).map((d) => d.message);
  assert.deepEqual(gated, [
    'LocalAuthListCtrlr has no Entries; libocpp requires it at start-up because LocalAuthListCtrlr.Available is true',
  ]);
});

/** The shipped config without its OCPP16LegacyCtrlr.json, plus `connectors` Connector components on EVSE 1. */
function withoutLegacyCtrlr(connectors: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-legacy-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  rmSync(join(dir, 'standardized/OCPP16LegacyCtrlr.json'));
  const connector = JSON.parse(readFileSync(join(dir, 'custom/Connector_1_1.json'), 'utf8')) as Record<string, unknown>;
  for (let n = 2; n <= connectors; n++)
    writeFileSync(join(dir, `custom/Connector_1_${n}.json`), JSON.stringify({ ...connector, connector_id: n }, null, 2));
  return dir;
}

test('no OCPP16LegacyCtrlr: what libocpp adds is an info, and the station still passes', async () => {
  const { code, report } = await runRule('required-libocpp', withoutLegacyCtrlr(1));
  assert.equal(code, 0);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.severity, d.message.slice(0, 44)]),
    [['info', 'there is no OCPP16LegacyCtrlr component; EVe']],
  );
  assert.match(report.diagnostics[0].hint ?? '', /add standardized\/OCPP16LegacyCtrlr\.json/);
});

test('no OCPP16LegacyCtrlr and two connectors: a warning that the added NumberOfConnectors 1 is wrong', async () => {
  const { code, report } = await runRule('required-libocpp', withoutLegacyCtrlr(2));
  assert.equal(code, 0);
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0].message,
    /^the station has 2 Connector components, but the OCPP16LegacyCtrlr libocpp adds says NumberOfConnectors 1/,
  );
  assert.equal(
    warnings[0].hint,
    'add standardized/OCPP16LegacyCtrlr.json with NumberOfConnectors 2 (ocppctl explain OCPP16LegacyCtrlr.NumberOfConnectors)',
  );
  assert.match(warnings[0].file, /custom\/Connector_1_1\.json$/);
});

test('an OCPP16LegacyCtrlr without NumberOfConnectors is still a refusal to start', async () => {
  const dir = withoutLegacyCtrlr(1);
  const legacy = JSON.parse(readFileSync(join(ROOT, 'component_config/standardized/OCPP16LegacyCtrlr.json'), 'utf8')) as {
    properties: Record<string, unknown>;
  };
  delete legacy.properties.NumberOfConnectors;
  writeFileSync(join(dir, 'standardized/OCPP16LegacyCtrlr.json'), JSON.stringify(legacy, null, 2));
  const { code, report } = await runRule('required-libocpp', dir);
  assert.equal(code, 1);
  assert.deepEqual(
    report.diagnostics.map((d) => d.message),
    ['OCPP16LegacyCtrlr has no NumberOfConnectors; libocpp refuses to start without it'],
  );
});
