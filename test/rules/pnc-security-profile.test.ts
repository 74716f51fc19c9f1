import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-security-profile.js';
import { GOOD_PNC, pncConfig, runPnc } from './pnc-harness.js';

test('security profile 2 passes', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

test('security profile 1 with PnC is an info (advice) at SecurityProfile', () => {
  const [d, ...rest] = runPnc(rule, pncConfig(GOOD_PNC, undefined, { SecurityProfile: 1 }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'info');
  assert.match(d.file, /SecurityCtrlr\.json$/);
});

test('PnC off: nothing', () => {
  assert.deepEqual(runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false }, undefined, { SecurityProfile: 1 })), []);
});
