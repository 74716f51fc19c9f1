import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collectSecrets,
  maskSecret,
  redactBlob,
  redactJson,
  redactJsonText,
  redactSecrets,
  SecretRedactor,
} from '../../src/diagnostics/index.js';

const PW = 'Slot-pw-0815-zyxwvutsrq';
const BLOB = JSON.stringify([
  {
    configurationSlot: 1,
    connectionData: {
      ocppCsmsUrl: 'ws://csms.example/ocpp',
      basicAuthPassword: 'Blob-pw-2222-legacyprofile',
      apn: { apn: 'internet', apnPassword: 'Apn-pw-3333-secretapn', simPin: 1234 },
      vpn: { server: 'vpn.example', user: 'u', password: 'Vpn-pw-4444-secretvpn', key: 'Vpn-key-5555-privatekey', type: 'IPSec' },
    },
  },
]);

test('a secret variable shows its length, never its text', () => {
  assert.equal(redactSecrets(PW, { component: 'NetworkConfiguration', variable: 'BasicAuthPassword' }), '(secret, 23 characters)');
  for (const variable of ['ApnPassword', 'VpnPassword', 'VpnKey', 'SimPin'])
    assert.match(String(redactSecrets('abcdefgh', { variable })), /^\(secret, 8 characters\)$/);
  assert.equal(redactSecrets('plain', { variable: 'Custom', mutability: 'WriteOnly' }), '(secret, 5 characters)');
  assert.equal(redactSecrets('Wired0', { variable: 'OcppInterface' }), 'Wired0');
  assert.equal(redactSecrets(undefined, { variable: 'BasicAuthPassword' }), undefined);
  assert.equal(maskSecret(987654321), '(secret, 9 characters)');
});

test('the legacy blob keeps its shape and loses every password, key and PIN', () => {
  const shown = String(redactSecrets(BLOB, { component: 'InternalCtrlr', variable: 'NetworkConnectionProfiles' }));
  for (const s of ['Blob-pw-2222', 'Apn-pw-3333', 'Vpn-pw-4444', 'Vpn-key-5555', '1234']) assert.ok(!shown.includes(s), s);
  const parsed = JSON.parse(shown);
  assert.equal(parsed[0].connectionData.ocppCsmsUrl, 'ws://csms.example/ocpp');
  assert.equal(parsed[0].connectionData.basicAuthPassword, '(secret, 26 characters)');
  assert.equal(parsed[0].connectionData.vpn.user, 'u');
  assert.equal(redactBlob('[{"basicAuthPassword": "Blob-pw-2222-legacyprofile",'), '(unparsable blob, 52 characters, not shown)');
  assert.equal(redactBlob(''), '');
});

test('OCPP payloads and component files are redacted where a secret variable names the value', () => {
  const payload = {
    getVariableResult: [
      {
        attributeStatus: 'Accepted',
        component: { name: 'NetworkConfiguration', evse: undefined },
        variable: { name: 'BasicAuthPassword' },
        attributeValue: PW,
      },
      {
        attributeStatus: 'Accepted',
        component: { name: 'InternalCtrlr' },
        variable: { name: 'NetworkConnectionProfiles' },
        attributeValue: BLOB,
      },
      { attributeStatus: 'Accepted', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' },
    ],
  };
  const text = JSON.stringify(redactJson(payload));
  for (const s of [PW, 'Blob-pw-2222', 'Vpn-key-5555']) assert.ok(!text.includes(s), s);
  assert.ok(text.includes('"60"'));
  const file = {
    name: 'NetworkConfiguration',
    properties: {
      BasicAuthPassword: { variable_name: 'BasicAuthPassword', attributes: [{ type: 'Actual', mutability: 'WriteOnly', value: PW }] },
      Odd: { variable_name: 'Odd', attributes: [{ type: 'Actual', mutability: 'WriteOnly' }], default: 'Odd-default-secret' },
      Identity: { variable_name: 'Identity', attributes: [{ type: 'Actual', value: 'cp001' }] },
    },
  };
  assert.deepEqual([...collectSecrets(file)].sort(), ['Odd-default-secret', PW]);
  assert.ok(JSON.stringify(redactJson(file)).includes('cp001'));
});

test('OCPP 1.6 configuration pairs mask the value of a secret key and keep the key name, wherever they are redacted', () => {
  const AUTH = 'Auth-key-1234-16chars';
  const change = { key: 'AuthorizationKey', value: AUTH };
  const answer = {
    configurationKey: [
      { key: 'AuthorizationKey', readonly: false, value: AUTH },
      { key: 'HeartbeatInterval', readonly: false, value: '300' },
    ],
    unknownKey: [],
  };
  assert.deepEqual(redactJson(change), { key: 'AuthorizationKey', value: maskSecret(AUTH) });
  assert.deepEqual(redactJson(answer), {
    configurationKey: [
      { key: 'AuthorizationKey', readonly: false, value: maskSecret(AUTH) },
      { key: 'HeartbeatInterval', readonly: false, value: '300' },
    ],
    unknownKey: [],
  });
  assert.ok(collectSecrets(answer).has(AUTH));
  assert.ok(!collectSecrets(answer).has('300'));
  // a VPN object of the legacy blob has a key and no value: the key is the secret there
  assert.deepEqual(redactJson({ vpn: { server: 'vpn.example', key: 'Vpn-key-99' } }), {
    vpn: { server: 'vpn.example', key: maskSecret('Vpn-key-99') },
  });
});

test('known secrets are masked in finished text, raw and JSON-escaped once or twice', () => {
  const internal = JSON.stringify(
    {
      name: 'InternalCtrlr',
      properties: {
        NetworkConnectionProfiles: { variable_name: 'NetworkConnectionProfiles', attributes: [{ type: 'Actual', value: BLOB }] },
      },
    },
    null,
    2,
  );
  const diff = `-      "value": ${JSON.stringify(BLOB)}\n+      "value": ""\n`;
  const out = redactJsonText(diff, [internal]);
  for (const s of ['Blob-pw-2222', 'Apn-pw-3333', 'Vpn-pw-4444', 'Vpn-key-5555']) assert.ok(!out.includes(s), s);
  assert.ok(out.includes('csms.example'), 'the rest of the blob stays readable');
  const r = new SecretRedactor(['a"b\\c-quoted-secret', 'ab']);
  assert.equal(r.text('x a"b\\c-quoted-secret y'), 'x (secret, 19 characters) y');
  assert.equal(r.text(JSON.stringify('a"b\\c-quoted-secret')), '"(secret, 19 characters)"');
  assert.equal(r.text('ab stays: too short to match text safely'), 'ab stays: too short to match text safely');
});

test('diagnostics quoting a value the rule did not know was secret are masked against the files', async () => {
  const { redactDiagnostics } = await import('../../src/diagnostics/index.js');
  const files = [
    {
      text: '',
      json: {
        name: 'InternalCtrlr',
        properties: {
          Token: {
            variable_name: 'Token',
            attributes: [{ type: 'Actual', mutability: 'WriteOnly', value: 'Custom-writeonly-9999-token' }],
          },
        },
      },
    },
    { text: '{"properties": {"BasicAuthPassword": {"attributes": [{"value": "Broken-file-pw-0000",,' },
  ];
  const [a, b, c] = redactDiagnostics(
    [
      { message: 'value "Custom-writeonly-9999-token" is too long', hint: 'shorten Custom-writeonly-9999-token' },
      { message: 'unexpected token after "Broken-file-pw-0000"', related: [{ message: 'see Broken-file-pw-0000' }] },
      { message: 'nothing secret here' },
    ],
    files,
  );
  assert.equal(a.message, 'value "(secret, 27 characters)" is too long');
  assert.equal(a.hint, 'shorten (secret, 27 characters)');
  assert.equal(b.message, 'unexpected token after "(secret, 19 characters)"');
  assert.equal(b.related![0].message, 'see (secret, 19 characters)');
  assert.equal(c.message, 'nothing secret here');
});
