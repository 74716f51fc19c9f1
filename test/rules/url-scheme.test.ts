import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/url-scheme.js';
import { fullSlot, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

const check = (url: string, sp: unknown) =>
  validateTree(
    loadConfigTree(
      writeConfig({ 'n.json': fullSlot('1', { OcppCsmsUrl: { value: url }, SecurityProfile: { value: sp, dataType: 'integer' } }) }),
    ),
    { rules: [rule] },
  ).map((d) => d.message);

test('wss:// with profile 2 passes, as do ws:// with 0/1 and a URL without scheme', async () => {
  await assertSlotsClean('url-scheme');
  assert.deepEqual(
    [
      ...check('ws://csms.example.com/ocpp', '1'),
      ...check('ws://10.0.0.1:8180/', 0),
      ...check('https://csms.example.com/ocpp', '3'),
      ...check('csms.example.com/ocpp', '2'),
    ],
    [],
  );
});

test('ws:// with security profile 2 exits 1 at the URL and names the profile', async () => {
  const { code, report } = await validateFixture('url-scheme', 'broken/url-scheme');
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.message, 'slot 2: insecure scheme ws:// does not fit security profile 2 (libocpp refuses this slot)');
  assert.equal(d.related?.[0].message, 'SecurityProfile 2');
});

test('wss:// with profile 1, an unknown scheme, a bad port and profile 4 are rejected', () => {
  assert.match(check('wss://csms.example.com/ocpp', '1')[0], /secure scheme wss:\/\/ does not fit security profile 1/);
  assert.match(check('ftp://csms.example.com/ocpp', '1')[0], /scheme libocpp does not dial/);
  assert.match(check('wss://csms.example.com:99999/ocpp', '2')[0], /invalid port "99999"/);
  assert.match(check('wss://csms.example.com/ocpp', '4')[0], /security profile 4 is not 0 to 3/);
});
