import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-secc-certificate.js';
import { needsReference } from '../support/paths.js';
import { GOOD_PNC, pncConfig, referenceCopy, runPnc } from './pnc-harness.js';
import { runRule } from './slot-harness.js';

test('a fully configured Plug&Charge station passes', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

test('PnC on without V2GCertificateInstallationEnabled warns at that variable, speaking of the SECC certificate', () => {
  const [d, ...rest] = runPnc(rule, pncConfig({ ...GOOD_PNC, V2GCertificateInstallationEnabled: false }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /SECC certificate/);
  assert.equal(d.pointer, '/properties/V2GCertificateInstallationEnabled/attributes/0/value');
  assert.equal(d.related?.[0].message, 'ISO15118Ctrlr.PnCEnabled');
});

test('PnC off: nothing', () => {
  assert.deepEqual(runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false, V2GCertificateInstallationEnabled: undefined })), []);
});

test(
  "EVerest's shipped config: a warning at V2GCertificateInstallationEnabled, exit 0; PnCEnabled false: nothing",
  needsReference,
  async () => {
    const shipped = await runRule('pnc-secc-certificate', referenceCopy());
    assert.equal(shipped.code, 0);
    assert.equal(shipped.report.diagnostics.length, 1);
    const [d] = shipped.report.diagnostics;
    assert.match(d.file, /ISO15118Ctrlr\.json$/);
    assert.match(d.pointer, /^\/properties\/V2GCertificateInstallationEnabled\/attributes\/0/);
    assert.match(d.message, /SECC certificate/);
    const off = await runRule('pnc-secc-certificate', referenceCopy({ ISO15118Ctrlr: { PnCEnabled: false } }));
    assert.deepEqual(off.report.diagnostics, []);
  },
);
