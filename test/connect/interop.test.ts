// The other half of the proof: peers written with an independent OCPP-J library (ocpp-rpc), not this project's code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { RPCClient, RPCServer } from './rpc-peer.js';
import { connect, endpoint, testCsms } from './harness.js';

test('a station written with ocpp-rpc boots and sends heartbeats to the csms', async () => {
  const { csms, events } = await testCsms({ securityProfile: 1, password: 'sixteen-chars-pw' });
  const station = new RPCClient({
    endpoint: csms.url.replace(/\/$/, ''),
    identity: 'rpc-station',
    protocols: ['ocpp2.0.1'],
    password: 'sixteen-chars-pw',
    reconnect: false,
    strictMode: true,
  });
  await station.connect();
  const boot = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'RPC', vendorName: 'ocpp-rpc' } });
  const beat = await station.call('Heartbeat', {});
  await station.close();
  await csms.close();
  assert.equal(boot.status, 'Accepted');
  assert.ok(typeof beat.currentTime === 'string');
  assert.ok(events.some((e) => e.kind === 'connected' && e.identity === 'rpc-station' && e.protocol === 'ocpp2.0.1'));
});

async function rpcCsms(bootResponse: () => Record<string, unknown>) {
  const server = new RPCServer({ protocols: ['ocpp2.1', 'ocpp2.0.1'], strictMode: false });
  const seen: string[] = [];
  server.on('client', (client) => {
    client.handle(({ method }) => {
      seen.push(method);
      if (method === 'BootNotification') return bootResponse();
      if (method === 'Heartbeat') return { currentTime: new Date().toISOString() };
      return {};
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  const port = (http.address() as AddressInfo).port;
  return { url: `ws://127.0.0.1:${port}/ocpp`, seen, close: () => server.close({ force: true }) };
}

test('connect boots against a CSMS written with ocpp-rpc', async () => {
  const csms = await rpcCsms(() => ({ currentTime: new Date().toISOString(), interval: 60, status: 'Accepted' }));
  const r = await connect(endpoint({ csmsUrl: csms.url }));
  await csms.close();
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.equal(r.subprotocol, 'ocpp2.1');
  assert.deepEqual(csms.seen.slice(0, 4), ['BootNotification', 'Heartbeat', 'StatusNotification', 'StatusNotification']);
});

test('a CSMS answering BootNotification outside the schema is classified as a schema violation', async () => {
  const csms = await rpcCsms(() => ({ currentTime: new Date().toISOString(), interval: '60', status: 'Accepted' }));
  const r = await connect(endpoint({ csmsUrl: csms.url }));
  await csms.close();
  assert.equal(r.failure?.class, 'schema-violation');
  assert.equal(r.failure?.step, 'boot');
  assert.match(r.failure.message, /\/interval/);
});
