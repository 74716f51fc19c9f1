import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/url-identity.js';
import { commCtrlr, fullSlot, securityCtrlr, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

const check = (files: Record<string, unknown>) =>
  validateTree(loadConfigTree(writeConfig(files)), { rules: [rule] }).map((d) => `${d.severity}: ${d.message}`);

test('a URL without the identity passes', async () => {
  await assertSlotsClean('url-identity');
});

test('a URL ending in SecurityCtrlr.Identity is a warning (exit 0) at the URL', async () => {
  const { code, report } = await validateFixture('url-identity', 'broken/url-identity');
  assert.equal(code, 0);
  const [d] = report.diagnostics;
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /^slot 1: the URL already ends in the station identity "cs-0001" \(SecurityCtrlr.Identity\)/);
  assert.equal(d.hint, 'remove "/cs-0001" from the end of OcppCsmsUrl');
});

test('the slot Identity wins over SecurityCtrlr.Identity', () => {
  const found = check({
    'p.json': commCtrlr('1'),
    's.json': securityCtrlr(),
    'n.json': fullSlot('1', { OcppCsmsUrl: { value: 'wss://csms.example.com/ocpp/own-id/' }, Identity: { value: 'own-id' } }),
  });
  assert.equal(found.length, 1);
  assert.match(found[0], /identity "own-id" \(the slot Identity\)/);
});

test('no identity at all for a listed slot, and ":" in SecurityCtrlr.Identity, are errors', () => {
  assert.deepEqual(check({ 'p.json': commCtrlr('1'), 'n.json': fullSlot('1') }), [
    'error: slot 1 has no identity: its Identity and SecurityCtrlr.Identity are both empty or missing, and libocpp cannot build the connection URL',
  ]);
  const colon = check({ 'p.json': commCtrlr('1'), 's.json': securityCtrlr({ Identity: { value: 'site:1' } }), 'n.json': fullSlot('1') });
  assert.match(colon[0], /^error: SecurityCtrlr.Identity contains ":"/);
});
