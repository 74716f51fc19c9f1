import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactPayload } from '../../src/protocol/index.js';

test('passwords in SetVariables and SetNetworkProfile payloads are redacted for logs', () => {
  const set = redactPayload({
    setVariableData: [
      { attributeValue: 'supersecretpassword1', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } },
      { attributeValue: '300', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
    ],
  }) as { setVariableData: { attributeValue: string }[] };
  assert.equal(set.setVariableData[0].attributeValue, '(secret, 20 characters)');
  assert.equal(set.setVariableData[1].attributeValue, '300');
  const profile = redactPayload({ configurationSlot: 1, connectionData: { basicAuthPassword: 'x'.repeat(16), ocppCsmsUrl: 'wss://a' } });
  assert.doesNotMatch(JSON.stringify(profile), /xxxx/);
  assert.match(JSON.stringify(profile), /wss:\/\/a/);
});

test('the legacy blob inside a GetVariables result and a NotifyReport keeps its shape but not its passwords', () => {
  const blob = JSON.stringify([
    {
      configurationSlot: 1,
      connectionData: { ocppCsmsUrl: 'wss://csms.example/ocpp', basicAuthPassword: 'blob-password-123', securityProfile: 2 },
    },
  ]);
  const get = redactPayload({
    getVariableResult: [
      {
        attributeStatus: 'Accepted',
        attributeValue: blob,
        component: { name: 'InternalCtrlr' },
        variable: { name: 'NetworkConnectionProfiles' },
      },
    ],
  });
  const report = redactPayload({
    requestId: 1,
    generatedAt: '2024-01-01T00:00:00Z',
    seqNo: 0,
    reportData: [
      {
        component: { name: 'InternalCtrlr' },
        variable: { name: 'NetworkConnectionProfiles' },
        variableAttribute: [{ type: 'Actual', value: blob }],
      },
    ],
  });
  for (const p of [get, report]) {
    const text = JSON.stringify(p);
    assert.doesNotMatch(text, /blob-password-123/);
    assert.match(text, /csms\.example/);
  }
});
