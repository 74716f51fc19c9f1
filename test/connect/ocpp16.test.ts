// OCPP 1.6 on both sides: `csms` against a 1.6 station written with ocpp-rpc, `connect --ocpp 1.6` against a 1.6
// CSMS written with ocpp-rpc (whose strict mode checks our frames against its own copy of the 1.6 schemas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opensslCsr, RPCClient, RPCServer } from './rpc-peer.js';
import { ensurePkiDir } from '../../src/csms/index.js';
import { needsOpenssl } from '../pnc/certs-harness.js';
import { loadConfigTree } from '../../src/model/index.js';
import { connect, endpoint, testCsms } from './harness.js';
import { writeStationConfig } from './station-config.js';
import { runCli } from '../support/cli.js';

const station16 = (url: string, identity: string, strictMode = true) =>
  new RPCClient({ endpoint: url.replace(/\/$/, ''), identity, protocols: ['ocpp1.6'], reconnect: false, strictMode });

/** The CALLERROR code a call was refused with (ocpp-rpc rejects with an RPCError carrying it). */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => assert.fail('answered with a CALLRESULT'),
    (err: { rpcErrorCode?: string; message: string }) => `${err.rpcErrorCode}: ${err.message}`,
  );

test('a 1.6 station written with ocpp-rpc boots, authorizes and charges against the csms', async () => {
  const { csms, events } = await testCsms({ versions: ['2.1', '2.0.1', '1.6'], heartbeatInterval: 120 });
  const a = station16(csms.url, 'rpc16-a');
  const b = station16(csms.url, 'rpc16-b');
  try {
    await Promise.all([a.connect(), b.connect()]);
    const boot = await a.call('BootNotification', { chargePointVendor: 'ocpp-rpc', chargePointModel: 'RPC16' });
    assert.equal(boot.status, 'Accepted');
    assert.equal(boot.interval, 120);
    assert.ok(!Number.isNaN(Date.parse(String(boot.currentTime))));
    assert.ok(typeof (await a.call('Heartbeat', {})).currentTime === 'string');
    assert.deepEqual(await a.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }), {});
    assert.deepEqual(await a.call('Authorize', { idTag: 'TAG-1' }), { idTagInfo: { status: 'Accepted' } });
    const start = { connectorId: 1, idTag: 'TAG-1', meterStart: 0, timestamp: new Date().toISOString() };
    const first = await a.call('StartTransaction', start);
    const second = await b.call('StartTransaction', start);
    assert.deepEqual(first.idTagInfo, { status: 'Accepted' });
    assert.equal(typeof first.transactionId, 'number');
    assert.notEqual(first.transactionId, second.transactionId, 'two stations never get the same transaction id');
    const reading = { timestamp: new Date().toISOString(), sampledValue: [{ value: '1500', unit: 'Wh' }] };
    assert.deepEqual(await a.call('MeterValues', { connectorId: 1, transactionId: first.transactionId, meterValue: [reading] }), {});
    const stop = { transactionId: first.transactionId, meterStop: 1500, timestamp: new Date().toISOString() };
    assert.deepEqual(await a.call('StopTransaction', stop), {});
    assert.deepEqual(await a.call('StopTransaction', { ...stop, idTag: 'TAG-1' }), { idTagInfo: { status: 'Accepted' } });
    assert.deepEqual(await a.call('DataTransfer', { vendorId: 'ocppctl' }), { status: 'UnknownVendorId' });
  } finally {
    await Promise.all([a.close(), b.close()]);
    await csms.close();
  }
  assert.ok(events.some((e) => e.kind === 'connected' && e.identity === 'rpc16-a' && e.protocol === 'ocpp1.6'));
  const logged = events.flatMap((e) => (e.kind === 'message' && e.identity === 'rpc16-a' ? [e.message] : []));
  assert.ok(
    logged.every((m) => !m.problem),
    JSON.stringify(logged.filter((m) => m.problem)),
  );
});

test('the csms answers a 1.6 payload outside the 1.6 schema, and a CALL it does not serve, with the CALLERROR 1.6 names', async () => {
  const { csms, events } = await testCsms({ versions: ['1.6'] });
  // strict mode off: ocpp-rpc would otherwise refuse to send the broken payloads itself
  const station = station16(csms.url, 'rpc16-bad', false);
  try {
    await station.connect();
    assert.match(
      await refusal(station.call('BootNotification', { chargePointVendor: 'ocpp-rpc' })),
      /^OccurrenceConstraintViolation: .*chargePointModel/,
    );
    assert.match(
      await refusal(station.call('BootNotification', { chargePointVendor: 'v'.repeat(21), chargePointModel: 'm' })),
      /^PropertyConstraintViolation: \/chargePointVendor must NOT have more than 20 characters/,
    );
    assert.match(
      await refusal(station.call('Heartbeat', { extra: 1 })),
      /^FormationViolation: .*unknown property "extra"/,
      '1.6 spells it FormationViolation (OCPP-J 1.6 errata §5)',
    );
    assert.match(
      await refusal(station.call('StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' })),
      /^TypeConstraintViolation/,
    );
    assert.match(await refusal(station.call('GetVariables', {})), /^NotImplemented: GetVariables is not an OCPP 1\.6 message/);
    // a 1.6 message, but one the CSMS sends, not the station
    assert.match(await refusal(station.call('RemoteStartTransaction', { idTag: 'TAG-1' })), /^NotImplemented/);
    // the connection stays usable afterwards
    const boot = await station.call('BootNotification', { chargePointVendor: 'ocpp-rpc', chargePointModel: 'RPC16' });
    assert.equal(boot.status, 'Accepted');
  } finally {
    await station.close();
    await csms.close();
  }
  const answered = events.flatMap((e) => (e.kind === 'message' && e.message.direction === 'out' ? [e.message] : []));
  assert.deepEqual(
    answered.map((m) => (m.frame.type === 4 ? m.frame.code : m.frame.type)),
    [
      'OccurrenceConstraintViolation',
      'PropertyConstraintViolation',
      'FormationViolation',
      'TypeConstraintViolation',
      'NotImplemented',
      'NotImplemented',
      3,
    ],
  );
});

test(
  'a 1.6 station gets its CSR signed (security extension: no certificate type) and the V2G-root probe is skipped',
  needsOpenssl,
  async () => {
    const work = mkdtempSync(join(tmpdir(), 'ocppctl-16-csr-'));
    const { pki } = await ensurePkiDir(join(work, 'pki'));
    const { csms, events } = await testCsms({ versions: ['1.6'], signingCa: pki.ca, probe: 'install-v2g-root' });
    const station = station16(csms.url, 'rpc16-csr');
    let signed!: (p: Record<string, unknown>) => void;
    const gotSigned = new Promise<Record<string, unknown>>((r) => (signed = r));
    station.handle(({ method, params }) => {
      if (method === 'CertificateSigned') signed(params);
      return { status: 'Accepted' };
    });
    const csrPem = opensslCsr(work, 'cs', '/CN=rpc16-csr/O=Test');
    try {
      await station.connect();
      await station.call('BootNotification', { chargePointVendor: 'ocpp-rpc', chargePointModel: 'RPC16' });
      assert.deepEqual(await station.call('SignCertificate', { csr: csrPem }), { status: 'Accepted' });
      const chain = await gotSigned;
      assert.deepEqual(Object.keys(chain), ['certificateChain']);
      assert.match(String(chain.certificateChain), /^-----BEGIN CERTIFICATE-----/);
    } finally {
      await station.close();
      await csms.close();
    }
    const lines = events.flatMap((e) => (e.kind === 'probe' || e.kind === 'certificate' ? [e.outcome] : []));
    assert.ok(lines.includes('skipped: OCPP 1.6 installs no V2G root certificate'), lines.join('\n'));
    assert.ok(lines.includes('signed the ChargingStationCertificate CSR; CertificateSigned Accepted'), lines.join('\n'));
  },
);

test('a station that offers only ocpp1.6 is refused by a csms serving 2.x only', async () => {
  const { csms, events } = await testCsms({ versions: ['2.1', '2.0.1'] });
  const station = station16(csms.url, 'rpc16-late');
  try {
    await assert.rejects(station.connect());
  } finally {
    await station.close();
    await csms.close();
  }
  assert.ok(events.some((e) => e.kind === 'refused' && e.identity === 'rpc16-late'));
});

/** A 1.6 CSMS written with ocpp-rpc that, once the station booted, reads and changes its configuration. */
async function rpcCsms16() {
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
  const seen: { method: string; params: Record<string, unknown> }[] = [];
  let asked: (v: Record<string, unknown>[]) => void;
  const answers = new Promise<Record<string, unknown>[]>((resolve) => (asked = resolve));
  server.on('client', (client) => {
    client.handle(({ method, params }) => {
      seen.push({ method, params });
      if (method === 'BootNotification') {
        setImmediate(() => {
          void (async () => {
            const out = [
              await client.call('GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey'] }),
              await client.call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' }),
              await client.call('ChangeConfiguration', { key: 'NoSuchKey', value: '1' }),
              await client.call('GetConfiguration', { key: ['HeartbeatInterval'] }),
              await client.call('GetConfiguration', {}),
            ];
            asked(out);
          })();
        });
        return { currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' };
      }
      if (method === 'Heartbeat') return { currentTime: new Date().toISOString() };
      return {};
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  const port = (http.address() as AddressInfo).port;
  return { url: `ws://127.0.0.1:${port}/ocpp`, seen, answers, close: () => server.close({ force: true }) };
}

/** The test station, with OCPPCommCtrlr.HeartbeatInterval, which 1.6's HeartbeatInterval key maps to. */
function stationWithHeartbeat() {
  const root = writeStationConfig({ url: 'ws://unused/', securityProfile: 0, connectors: 2 });
  const file = join(root, 'standardized/OCPPCommCtrlr.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, unknown> };
  doc.properties.HeartbeatInterval = {
    variable_name: 'HeartbeatInterval',
    characteristics: { supportsMonitoring: false, dataType: 'integer', minLimit: 1 },
    attributes: [{ type: 'Actual', mutability: 'ReadWrite', value: 300 }],
    type: 'integer',
  };
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return loadConfigTree(root);
}

test('connect --ocpp 1.6 boots as a 1.6 station and answers GetConfiguration and ChangeConfiguration from the device model', async () => {
  const csms = await rpcCsms16();
  try {
    const steps: string[] = [];
    const r = await connect(endpoint({ csmsUrl: csms.url }), {
      tree: stationWithHeartbeat(),
      ocpp: '1.6',
      stayMs: 3000,
      onCheck: (c) => steps.push(`${c.step} ${c.detail}`),
    });
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    assert.equal(r.subprotocol, 'ocpp1.6');
    assert.match(steps[0], /offering ocpp1\.6$/);
    assert.ok(
      steps.includes('status StatusNotification Available sent for the station (connector 0) and 2 connector(s), all answered'),
      steps.join('\n'),
    );
    assert.ok(steps.includes('stay staying connected for 3 s, answering GetConfiguration, ChangeConfiguration'));
    assert.deepEqual(csms.seen[0], {
      method: 'BootNotification',
      params: { chargePointVendor: 'TestVendor', chargePointModel: 'TestModel', chargeBoxSerialNumber: 'SN-1', firmwareVersion: '1.2.3' },
    });
    assert.deepEqual(
      csms.seen.filter((s) => s.method === 'StatusNotification').map((s) => s.params.connectorId),
      [0, 1, 2],
    );
    const [get, change, unknown, after, all] = await csms.answers;
    assert.deepEqual(get, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['NoSuchKey'] });
    assert.deepEqual(change, { status: 'Accepted' });
    assert.deepEqual(unknown, { status: 'NotSupported' });
    assert.deepEqual(after, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] });
    // every mapped key the station has, no unknownKey: InternalCtrlr's identity is read-only there
    assert.deepEqual(all.unknownKey, undefined);
    assert.deepEqual(
      (all.configurationKey as { key: string; readonly: boolean }[]).map((k) => `${k.key}${k.readonly ? ' (readonly)' : ''}`).sort(),
      [
        'ChargeBoxSerialNumber (readonly)',
        'ChargePointModel (readonly)',
        'ChargePointVendor (readonly)',
        'FirmwareVersion (readonly)',
        'HeartbeatInterval',
      ],
    );
  } finally {
    await csms.close();
  }
});

test('csms --ocpp takes 2.1, 2.0.1 and 1.6 and refuses anything else before listening', async () => {
  const r = await runCli(['csms', '--port', '0', '--ocpp', '1.6,1.5']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--ocpp takes a comma-separated list of 2\.1, 2\.0\.1 and 1\.6, got "1\.5"/);
  const help = await runCli(['csms', '--help']);
  assert.match(help.stdout.replace(/\s+/g, ' '), /default: "2\.1,2\.0\.1,1\.6"/);
  const connectHelp = await runCli(['connect', '--help']);
  assert.match(connectHelp.stdout.replace(/\s+/g, ' '), /choices: "2\.0\.1", "2\.1", "1\.6"/);
});

test('csms --probe get-base-report asks a 1.6 station for every configuration key, which connect --ocpp 1.6 answers', async () => {
  const { csms, events } = await testCsms({ versions: ['1.6'], probe: 'get-base-report' });
  try {
    const r = await connect(endpoint({ csmsUrl: csms.url }), { tree: stationWithHeartbeat(), ocpp: '1.6', stayMs: 500 });
    assert.equal(r.ok, true, JSON.stringify(r.failure));
  } finally {
    await csms.close();
  }
  const probes = events.flatMap((e) => (e.kind === 'probe' ? [e.outcome] : []));
  assert.deepEqual(probes, ['GetConfiguration: 5 keys']);
});

test("a 1.6 station's AuthorizationKey in a GetConfiguration answer reaches no csms log, in any format", async () => {
  const SECRET = 'Auth-key-in-a-1.6-answer-42';
  const { csms, events } = await testCsms({ versions: ['1.6'], probe: 'get-base-report' });
  const station = station16(csms.url, 'rpc16-secret');
  let answered!: () => void;
  const gotAnswer = new Promise<void>((r) => (answered = r));
  station.handle(({ method }) => {
    if (method !== 'GetConfiguration') return {};
    setTimeout(answered, 200);
    return {
      configurationKey: [
        { key: 'AuthorizationKey', readonly: false, value: SECRET },
        { key: 'HeartbeatInterval', readonly: false, value: '300' },
      ],
    };
  });
  try {
    await station.connect();
    await station.call('BootNotification', { chargePointVendor: 'ocpp-rpc', chargePointModel: 'RPC16' });
    await gotAnswer;
  } finally {
    await station.close();
    await csms.close();
  }
  const { eventToJson, formatEvent } = await import('../../src/csms/index.js');
  const { CsmsLibocppLog } = await import('../../src/log/csms-log.js');
  const libocpp = new CsmsLibocppLog();
  const at = new Date();
  const logs = events.map((e) => [eventToJson(e, at), formatEvent(e), libocpp.line(e, at)].join('\n')).join('\n');
  assert.match(logs, /GetConfiguration/);
  assert.match(logs, /HeartbeatInterval/, 'the answer is logged');
  assert.ok(!logs.includes(SECRET), 'the AuthorizationKey value is masked');
  assert.match(logs, /AuthorizationKey/, 'its name is kept');
});
