import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-csr-fields.js';
import { needsReference } from '../support/paths.js';
import { GOOD_PNC, pncConfig, referenceCopy, runPnc } from './pnc-harness.js';
import { runRule } from './slot-harness.js';

test('all three CSR fields set: nothing', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

test('a missing value and a missing variable are each an error at their place', () => {
  const { SeccId: _unused, ...withoutSecc } = GOOD_PNC;
  const found = runPnc(rule, pncConfig({ ...withoutSecc, CountryName: undefined }));
  assert.deepEqual(
    found.map((d) => [d.severity, d.pointer]),
    [
      ['error', '/properties'],
      ['error', '/properties/CountryName/attributes/0'],
    ].sort((a, b) => (a[1] < b[1] ? -1 : 1)),
  );
  assert.ok(found.every((d) => /cannot build the SECC certificate signing request/.test(d.message)));
});

test('V2GCertificateInstallationEnabled false: nothing, whatever is missing', () => {
  assert.deepEqual(runPnc(rule, pncConfig({ PnCEnabled: true, V2GCertificateInstallationEnabled: false })), []);
});

test(
  "EVerest's shipped config with V2GCertificateInstallationEnabled true: errors at SeccId, CountryName, OrganizationName",
  needsReference,
  async () => {
    const { code, report } = await runRule('pnc-csr-fields', referenceCopy({ ISO15118Ctrlr: { V2GCertificateInstallationEnabled: true } }));
    assert.equal(code, 1);
    assert.deepEqual(report.diagnostics.map((d) => d.pointer).sort(), [
      '/properties/ISO15118CtrlrCountryName/attributes/0',
      '/properties/ISO15118CtrlrOrganizationName/attributes/0',
      '/properties/SeccId/attributes/0',
    ]);
    const shipped = await runRule('pnc-csr-fields', referenceCopy());
    assert.deepEqual(shipped.report.diagnostics, []);
  },
);
