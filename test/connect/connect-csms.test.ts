import { needsReference } from '../support/paths.js';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { issueCertificate, makeTestPki } from '../../src/csms/index.js';
import type { KeyPair, TestPki } from '../../src/csms/index.js';
import { PASSWORD, connect, endpoint, referenceTree, testCsms } from './harness.js';
import { loadConfigTree } from '../../src/model/index.js';
import { writeStationConfig } from './station-config.js';

let pki: TestPki;
let otherCa: KeyPair;
before(async () => {
  pki = await makeTestPki('cp001');
  otherCa = await issueCertificate({ cn: 'some other CA', usage: 'ca' });
});

const tlsServer = () => ({ tlsCert: pki.server.cert + pki.ca.cert, tlsKey: pki.server.key });

for (const version of ['2.0.1', '2.1'] as const) {
  test(`security profile 0 over OCPP ${version}: boot accepted, heartbeat answered, every connector reported`, async () => {
    const { csms, events } = await testCsms({ versions: [version] });
    const r = await connect(endpoint({ csmsUrl: csms.url }));
    await csms.close();
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    assert.equal(r.subprotocol, `ocpp${version}`);
    assert.deepEqual(r.boot, { status: 'Accepted', interval: 300 });
    assert.ok(r.heartbeatMs !== undefined);
    const statuses = events.filter(
      (e) =>
        e.kind === 'message' &&
        e.message.direction === 'in' &&
        'action' in e.message.frame &&
        e.message.frame.action === 'StatusNotification',
    );
    assert.equal(statuses.length, 2);
  });
}

test('security profile 1 sends identity and password as basic auth and the CSMS accepts them', async () => {
  const { csms, events } = await testCsms({ securityProfile: 1, password: PASSWORD });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 1, password: PASSWORD, passwordSource: 'slot' }));
  await csms.close();
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.ok(events.some((e) => e.kind === 'connected' && e.identity === 'cp001'));
});

test('a wrong password fails the upgrade with HTTP 401, classified with a hint at BasicAuthPassword', async () => {
  const { csms } = await testCsms({ securityProfile: 1, password: PASSWORD });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 1, password: 'not-the-password!', passwordSource: 'slot' }));
  await csms.close();
  assert.equal(r.ok, false);
  assert.equal(r.failure?.class, 'http-401');
  assert.equal(r.failure?.step, 'upgrade');
  assert.match(r.failure.hint, /BasicAuthPassword of slot 1/);
  assert.doesNotMatch(JSON.stringify(r), /not-the-password/);
});

test('security profile 2 verifies the server certificate against --ca and reports its subject and expiry', async () => {
  const { csms } = await testCsms({ securityProfile: 2, password: PASSWORD, ...tlsServer() });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 2, password: PASSWORD, passwordSource: 'slot' }), {
    tls: { ca: [pki.ca.cert] },
  });
  await csms.close();
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.match(r.serverCertificate!.subject, /CN=localhost/);
  assert.ok(r.checks.some((c) => c.step === 'tls' && /valid until/.test(c.detail)));
});

test('a CA that did not sign the server certificate fails TLS as unknown CA', async () => {
  const { csms } = await testCsms({ securityProfile: 2, password: PASSWORD, ...tlsServer() });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 2, password: PASSWORD, passwordSource: 'slot' }), {
    tls: { ca: [otherCa.cert] },
  });
  await csms.close();
  assert.equal(r.failure?.class, 'tls-unknown-ca');
  assert.equal(r.failure?.step, 'tls');
});

test('a server certificate for another host name fails TLS as a host name mismatch', async () => {
  const wrongName = await issueCertificate({ cn: 'csms.example.com', ca: pki.ca, dnsNames: ['csms.example.com'] });
  const { csms } = await testCsms({ securityProfile: 2, password: PASSWORD, tlsCert: wrongName.cert + pki.ca.cert, tlsKey: wrongName.key });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 2, password: PASSWORD, passwordSource: 'slot' }), {
    tls: { ca: [pki.ca.cert] },
  });
  await csms.close();
  assert.equal(r.failure?.class, 'tls-hostname');
});

test('an expired server certificate fails TLS as expired', async () => {
  const old = await issueCertificate({
    cn: 'localhost',
    ca: pki.ca,
    ips: ['127.0.0.1'],
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2021-01-01'),
  });
  const { csms } = await testCsms({ securityProfile: 2, password: PASSWORD, tlsCert: old.cert + pki.ca.cert, tlsKey: old.key });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 2, password: PASSWORD, passwordSource: 'slot' }), {
    tls: { ca: [pki.ca.cert] },
  });
  await csms.close();
  assert.equal(r.failure?.class, 'tls-expired');
});

test('security profile 3 connects with the client certificate and sends no Authorization header', async () => {
  const { csms, events } = await testCsms({ securityProfile: 3, clientCa: pki.ca.cert, ...tlsServer() });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 3 }), {
    tls: { ca: [pki.ca.cert], cert: pki.client.cert, key: pki.client.key },
  });
  await csms.close();
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.ok(events.some((e) => e.kind === 'connected' && e.clientCertificate === 'CN=cp001'));
});

test('a CSMS that requires a client certificate refuses a profile 2 station, classified as client certificate required', async () => {
  const { csms } = await testCsms({ securityProfile: 3, clientCa: pki.ca.cert, ...tlsServer() });
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 2, password: PASSWORD, passwordSource: 'slot' }), {
    tls: { ca: [pki.ca.cert] },
  });
  await csms.close();
  assert.equal(r.failure?.class, 'tls-client-certificate-required');
  assert.match(r.failure.hint, /expects security profile 3/);
});

test('ws:// with security profile 2 is refused before dialling', async () => {
  const { csms, events } = await testCsms();
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 2, password: PASSWORD, passwordSource: 'slot' }));
  await csms.close();
  assert.equal(r.failure?.class, 'config');
  assert.equal(r.failure?.step, 'slot');
  assert.match(r.failure.message, /insecure scheme ws:\/\/ does not fit security profile 2/);
  assert.equal(events.filter((e) => e.kind === 'connected' || e.kind === 'refused').length, 0);
});

test('an identity already at the end of the URL is appended only once', async () => {
  const { csms, events } = await testCsms();
  const r = await connect(endpoint({ csmsUrl: `${csms.url}ocpp/cp001` }));
  await csms.close();
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.equal(r.url, `${csms.url}ocpp/cp001`);
  assert.ok(r.checks[0].detail.includes('appended once'));
  assert.ok(events.some((e) => e.kind === 'connected' && e.identity === 'cp001'));
});

test('no common subprotocol is reported as such', async () => {
  const { csms } = await testCsms({ versions: ['2.0.1'] });
  const r = await connect(endpoint({ csmsUrl: csms.url }), { ocpp: '2.1' });
  await csms.close();
  assert.equal(r.failure?.class, 'no-common-subprotocol');
});

test('a rejected boot fails with boot-rejected', async () => {
  const { csms } = await testCsms({ boot: 'rejected' });
  const r = await connect(endpoint({ csmsUrl: csms.url }));
  await csms.close();
  assert.equal(r.failure?.class, 'boot-rejected');
});

test('a pending boot is retried after the interval and then accepted', async () => {
  const { csms } = await testCsms({ boot: 'pending', pendingInterval: 1 });
  const r = await connect(endpoint({ csmsUrl: csms.url }));
  await csms.close();
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.deepEqual(
    r.checks.filter((c) => c.step === 'boot').map((c) => c.detail.split(',')[0]),
    ['Pending', 'Accepted'],
  );
});

test('a closed port is classified as refused', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const r = await connect(endpoint({ csmsUrl: `ws://127.0.0.1:${port}/` }));
  assert.equal(r.failure?.class, 'refused');
  assert.equal(r.failure?.step, 'tcp');
});

test('while staying connected the station answers GetBaseReport with a NotifyReport from its device model', needsReference, async () => {
  let stop: () => void = () => undefined;
  const reports: unknown[] = [];
  const { csms, events } = await testCsms({
    probe: 'get-base-report',
    onEvent: (e) => {
      if (
        e.kind === 'message' &&
        e.message.direction === 'in' &&
        'action' in e.message.frame &&
        e.message.frame.action === 'NotifyReport'
      ) {
        reports.push(e.message.frame.payload);
        if (!(e.message.frame.payload as { tbc: boolean }).tbc) stop();
      }
    },
  });
  stop = () => void csms.close();
  // libocpp's shipped config: profile 1, 355 variables
  const r = await connect(endpoint({ csmsUrl: csms.url, securityProfile: 1, password: PASSWORD, passwordSource: 'slot' }), {
    stayMs: 60_000,
    tree: referenceTree(),
  });
  assert.equal(r.ok, true, JSON.stringify(r.failure));
  assert.ok(events.some((e) => e.kind === 'probe' && /Accepted/.test(e.outcome)));
  // 355 variables at 100 items per message (DeviceDataCtrlr.ItemsPerMessage[GetReport])
  assert.equal(reports.length, 4);
  assert.doesNotMatch(JSON.stringify(reports), /DEADBEEFDEADBEEF/);
});

test('a CSMS that answers the upgrade with 404 is classified as http-404 with a hint at the path', async () => {
  const { createServer: createHttp } = await import('node:http');
  const server = createHttp();
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const r = await connect(endpoint({ csmsUrl: `ws://127.0.0.1:${port}/wrong/path` }));
  await new Promise((r) => server.close(r));
  assert.equal(r.failure?.class, 'http-404');
  assert.match(r.failure.hint, /path in OcppCsmsUrl/);
});

test(
  'SetVariables while connected follows mutability and limits, and GetVariables never reads a WriteOnly password',
  needsReference,
  async () => {
    const { StationModel } = await import('../../src/protocol/index.js');
    const { referenceTree } = await import('./harness.js');
    const model = new StationModel(referenceTree());
    const set = model.setVariables({
      setVariableData: [
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '120' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: 'often' },
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, attributeValue: 'cp002' },
        { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' }, attributeValue: '1' },
      ],
    }) as { setVariableResult: { attributeStatus: string }[] };
    assert.deepEqual(
      set.setVariableResult.map((r) => r.attributeStatus),
      ['Accepted', 'Rejected', 'Rejected', 'UnknownComponent'],
    );
    const get = model.getVariables({
      getVariableData: [
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } },
      ],
    }) as { getVariableResult: { attributeStatus: string; attributeValue?: string }[] };
    assert.equal(get.getVariableResult[0].attributeValue, '120');
    assert.equal(get.getVariableResult[1].attributeStatus, 'Rejected');
    assert.equal(get.getVariableResult[1].attributeValue, undefined);
  },
);

for (const sp of [1, 2, 3] as const) {
  for (const version of ['2.0.1', '2.1'] as const) {
    test(`security profile ${sp} over OCPP ${version} boots against the csms`, async () => {
      const tls = sp >= 2 ? tlsServer() : {};
      const { csms } = await testCsms({
        securityProfile: sp,
        password: PASSWORD,
        versions: [version],
        ...tls,
        ...(sp === 3 ? { clientCa: pki.ca.cert } : {}),
      });
      const r = await connect(
        endpoint({ csmsUrl: csms.url, securityProfile: sp, ...(sp < 3 ? { password: PASSWORD, passwordSource: 'slot' as const } : {}) }),
        { tls: { ca: [pki.ca.cert], ...(sp === 3 ? { cert: pki.client.cert, key: pki.client.key } : {}) } },
      );
      await csms.close();
      assert.equal(r.ok, true, JSON.stringify(r.failure));
      assert.equal(r.subprotocol, `ocpp${version}`);
    });
  }
}

test('a server that accepts TCP but never upgrades is classified as a timeout at the upgrade', async () => {
  const sockets: import('node:net').Socket[] = [];
  const silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const port = (silent.address() as AddressInfo).port;
  const r = await connect(endpoint({ csmsUrl: `ws://127.0.0.1:${port}/` }), { timeoutMs: 300 });
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  assert.equal(r.failure?.class, 'timeout');
  assert.equal(r.failure?.step, 'upgrade');
});

test('a CSMS that never answers the BootNotification fails with call-timeout after MessageTimeout', async () => {
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as AddressInfo).port;
  const r = await connect(endpoint({ csmsUrl: `ws://127.0.0.1:${port}/`, messageTimeout: 1 }));
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  assert.equal(r.failure?.class, 'call-timeout');
  assert.match(r.failure.hint, /MessageTimeout \(1 s of slot 1\)/);
});

test('security profile 0 is refused before dialling when AllowSecurityLevelZeroConnections is not true, as libocpp skips it', async () => {
  const tree = loadConfigTree(writeStationConfig({ url: 'ws://unused/', securityProfile: 0, allowProfileZero: false }));
  const r = await connect(endpoint({ csmsUrl: 'ws://127.0.0.1:9/' }), { tree });
  assert.equal(r.failure?.class, 'config');
  assert.match(r.failure.message, /AllowSecurityLevelZeroConnections/);
});

test('a slot below SecurityCtrlr.SecurityProfile is refused before dialling, as libocpp drops it', async () => {
  const tree = loadConfigTree(writeStationConfig({ url: 'ws://unused/', securityProfile: 1, stationProfile: 2 }));
  const r = await connect(endpoint({ csmsUrl: 'ws://127.0.0.1:9/', securityProfile: 1, password: PASSWORD, passwordSource: 'slot' }), {
    tree,
  });
  assert.equal(r.failure?.class, 'config');
  assert.match(r.failure.message, /below SecurityCtrlr.SecurityProfile 2/);
});
