import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-contract-installation.js';
import { GOOD_PNC, pncConfig, runPnc } from './pnc-harness.js';

test('contract installation with PnC on passes', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

test('contract installation while PnC is off but V2G installation on is an info at it', () => {
  const [d, ...rest] = runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'info');
  assert.equal(d.pointer, '/properties/ContractCertificateInstallationEnabled/attributes/0/value');
});

test('PnC and V2G certificate installation off: nothing', () => {
  assert.deepEqual(runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false, V2GCertificateInstallationEnabled: false })), []);
});
