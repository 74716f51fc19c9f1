import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redactPayload } from '../../src/protocol/index.js';

test('passwords in SetVariables and SetNetworkProfile payloads are redacted for logs', () => {
  const set = redactPayload({
    setVariableData: [
      { attributeValue: 'supersecretpassword1', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } },
      { attributeValue: '300', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
    ],
  }) as { setVariableData: { attributeValue: string }[] };
  assert.equal(set.setVariableData[0].attributeValue, REDACTED);
  assert.equal(set.setVariableData[1].attributeValue, '300');
  const profile = redactPayload({ configurationSlot: 1, connectionData: { basicAuthPassword: 'x'.repeat(16), ocppCsmsUrl: 'wss://a' } });
  assert.doesNotMatch(JSON.stringify(profile), /xxxx/);
  assert.match(JSON.stringify(profile), /wss:\/\/a/);
});
