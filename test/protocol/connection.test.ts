import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallError, CallTimeoutError, OcppConnection, PeerViolationError, loadSchemas } from '../../src/protocol/index.js';
import type { OcppVersion } from '../../src/protocol/index.js';
import { nextMessage, wsPair } from './ws-pair.js';

const boot = { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'V' } };

async function stationOnRawSocket(version: OcppVersion = '2.0.1', callTimeoutMs = 5000) {
  const pair = await wsPair(`ocpp${version}`);
  const conn = new OcppConnection(pair.client, { version, schemas: await loadSchemas(version), callTimeoutMs });
  return { ...pair, conn };
}

test('a CALL is framed as [2, id, action, payload] and resolves with the validated CALLRESULT payload', async () => {
  const { server, conn, close } = await stationOnRawSocket();
  const sent = nextMessage(server);
  const result = conn.call('BootNotification', boot);
  const [type, id, action, payload] = await sent;
  assert.equal(type, 2);
  assert.match(String(id), /^[0-9a-f-]{36}$/);
  assert.equal(action, 'BootNotification');
  assert.deepEqual(payload, boot);
  server.send(JSON.stringify([3, id, { currentTime: '2026-01-01T00:00:00Z', interval: 60, status: 'Accepted' }]));
  assert.equal((await result).status, 'Accepted');
  await close();
});

test('only one CALL is outstanding: the second is sent after the first is answered', async () => {
  const { server, conn, close } = await stationOnRawSocket();
  const seen: unknown[][] = [];
  server.on('message', (d) => seen.push(JSON.parse((d as Buffer).toString())));
  const first = nextMessage(server);
  const a = conn.call('Heartbeat', {});
  const b = conn.call('Heartbeat', {});
  const [, id1] = await first;
  // the second call is queued behind the unanswered first one; a round trip proves nothing else arrived
  await new Promise((r) => setImmediate(r));
  assert.equal(seen.length, 1);
  const second = nextMessage(server);
  server.send(JSON.stringify([3, id1, { currentTime: '2026-01-01T00:00:00Z' }]));
  await a;
  const [, id2] = await second;
  assert.notEqual(id1, id2);
  server.send(JSON.stringify([3, id2, { currentTime: '2026-01-01T00:00:01Z' }]));
  await b;
  await close();
});

test('a CALLERROR answer rejects the call with its code', async () => {
  const { server, conn, close } = await stationOnRawSocket();
  const sent = nextMessage(server);
  const result = conn.call('Heartbeat', {});
  const [, id] = await sent;
  server.send(JSON.stringify([4, id, 'SecurityError', 'not yet', {}]));
  await assert.rejects(result, (e: unknown) => e instanceof CallError && e.code === 'SecurityError');
  await close();
});

test('a response that breaks the schema rejects the call as a peer violation', async () => {
  const { server, conn, close } = await stationOnRawSocket();
  const sent = nextMessage(server);
  const result = conn.call('BootNotification', boot);
  const [, id] = await sent;
  server.send(JSON.stringify([3, id, { currentTime: 'soon', interval: 60, status: 'Maybe' }]));
  await assert.rejects(result, (e: unknown) => e instanceof PeerViolationError && e.action === 'BootNotification');
  await close();
});

test('a call without an answer rejects after MessageTimeout', async () => {
  const { conn, close } = await stationOnRawSocket('2.0.1', 50);
  await assert.rejects(conn.call('Heartbeat', {}), CallTimeoutError);
  await close();
});

test('our own invalid request is refused before it is sent', async () => {
  const { conn, close } = await stationOnRawSocket();
  await assert.rejects(
    conn.call('BootNotification', { reason: 'PowerUp' }),
    (e: unknown) => e instanceof CallError && /chargingStation/.test(e.message),
  );
  await close();
});

const invalidCalls: [string, OcppVersion, unknown[], string][] = [
  ['a missing required field (2.0.1 spelling)', '2.0.1', [2, 'a1', 'GetVariables', {}], 'OccurenceConstraintViolation'],
  ['a missing required field (2.1 spelling)', '2.1', [2, 'a1', 'GetVariables', {}], 'OccurrenceConstraintViolation'],
  ['a wrong type', '2.0.1', [2, 'a1', 'GetBaseReport', { requestId: 'one', reportBase: 'FullInventory' }], 'TypeConstraintViolation'],
  [
    'a value outside the enum',
    '2.0.1',
    [2, 'a1', 'GetBaseReport', { requestId: 1, reportBase: 'Everything' }],
    'PropertyConstraintViolation',
  ],
  ['an unknown property', '2.1', [2, 'a1', 'GetBaseReport', { requestId: 1, reportBase: 'FullInventory', extra: 1 }], 'FormatViolation'],
  ['an unknown action', '2.0.1', [2, 'a1', 'MakeCoffee', {}], 'NotImplemented'],
  ['a known action without a handler', '2.0.1', [2, 'a1', 'Reset', { type: 'Immediate' }], 'NotImplemented'],
  ['a SEND frame in 2.0.1', '2.0.1', [6, 'a1', 'NotifyPeriodicEventStream', {}], 'MessageTypeNotSupported'],
  // OCPP-J 1.6 errata §5: 1.6 spells these two differently and has neither framework code of 2.x
  ['a wrong type in 1.6', '1.6', [2, 'a1', 'GetConfiguration', { key: 'HeartbeatInterval' }], 'TypeConstraintViolation'],
  ['a missing required 1.6 field', '1.6', [2, 'a1', 'ChangeConfiguration', { key: 'HeartbeatInterval' }], 'OccurrenceConstraintViolation'],
  ['an unknown 1.6 property', '1.6', [2, 'a1', 'Reset', { type: 'Hard', extra: 1 }], 'FormationViolation'],
  ['a 2.x action in 1.6', '1.6', [2, 'a1', 'GetVariables', {}], 'NotImplemented'],
  ['a SEND frame in 1.6', '1.6', [6, 'a1', 'Heartbeat', {}], 'GenericError'],
];
for (const [what, version, frame, code] of invalidCalls) {
  test(`an incoming CALL with ${what} is answered with CALLERROR ${code}`, async () => {
    const { server, close } = await stationOnRawSocket(version);
    const reply = nextMessage(server);
    server.send(JSON.stringify(frame));
    const [type, id, got] = await reply;
    assert.equal(type, 4);
    assert.equal(id, 'a1');
    assert.equal(got, code);
    await close();
  });
}

test('an unreadable message is answered with RpcFrameworkError and message id "-1"', async () => {
  const { server, close } = await stationOnRawSocket();
  const reply = nextMessage(server);
  server.send('[2, 17, "Heartbeat"');
  assert.deepEqual((await reply).slice(0, 3), [4, '-1', 'RpcFrameworkError']);
  await close();
});

test('an unreadable 1.6 message is answered with GenericError, which 1.6 has instead of RpcFrameworkError', async () => {
  const { server, close } = await stationOnRawSocket('1.6');
  const reply = nextMessage(server);
  server.send('[2, 17, "Heartbeat"');
  assert.deepEqual((await reply).slice(0, 3), [4, '-1', 'GenericError']);
  await close();
});

test('a handled CALL is answered with the handler result; a 2.1 SEND is not answered', async () => {
  const { server, conn, close } = await stationOnRawSocket('2.1');
  conn.handle('GetBaseReport', () => ({ status: 'Accepted' }));
  const reply = nextMessage(server);
  server.send(JSON.stringify([6, 's1', 'NotifyPeriodicEventStream', { id: 1, pending: 0, basetime: '2026-01-01T00:00:00Z', data: [] }]));
  server.send(JSON.stringify([2, 'c1', 'GetBaseReport', { requestId: 1, reportBase: 'FullInventory' }]));
  assert.deepEqual(await reply, [3, 'c1', { status: 'Accepted' }]);
  await close();
});

test('a handler answer that breaks the schema becomes InternalError instead of an invalid message', async () => {
  const { server, conn, close } = await stationOnRawSocket();
  conn.handle('GetBaseReport', () => ({ status: 'Sure' }));
  const reply = nextMessage(server);
  server.send(JSON.stringify([2, 'c1', 'GetBaseReport', { requestId: 1, reportBase: 'FullInventory' }]));
  assert.deepEqual((await reply).slice(0, 3), [4, 'c1', 'InternalError']);
  await close();
});

test('in OCPP 2.1 a CALLRESULT that breaks the schema is answered with CALLRESULTERROR', async () => {
  const { server, conn, close } = await stationOnRawSocket('2.1');
  const sent = nextMessage(server);
  const result = conn.call('Heartbeat', {});
  const [, id] = await sent;
  const reply = nextMessage(server);
  server.send(JSON.stringify([3, id, { currentTime: 'now' }]));
  await assert.rejects(result, PeerViolationError);
  assert.deepEqual((await reply).slice(0, 3), [5, id, 'PropertyConstraintViolation']);
  await close();
});
