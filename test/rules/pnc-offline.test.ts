import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-offline.js';
import { GOOD_PNC, pncConfig, runPnc } from './pnc-harness.js';

test('offline validation with local authorization offline passes', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

test('ContractValidationOffline false is an info at it', () => {
  const [d, ...rest] = runPnc(rule, pncConfig({ ...GOOD_PNC, ContractValidationOffline: false }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'info');
  assert.equal(d.pointer, '/properties/ContractValidationOffline/attributes/0/value');
});

test('ContractValidationOffline true with LocalAuthorizeOffline false is a warning at LocalAuthorizeOffline', () => {
  const [d, ...rest] = runPnc(rule, pncConfig(GOOD_PNC, { Enabled: true, LocalAuthorizeOffline: false }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'warning');
  assert.match(d.file, /AuthCtrlr\.json$/);
  assert.equal(d.pointer, '/properties/LocalAuthorizeOffline/attributes/0/value');
});

test('PnC off: nothing', () => {
  assert.deepEqual(runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false, ContractValidationOffline: false })), []);
});
