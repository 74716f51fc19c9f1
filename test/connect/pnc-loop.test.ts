// The certificate loop of Plug&Charge against ocppctl's test CSMS, driven by a station written with ocpp-rpc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opensslCsr, RPCClient } from './rpc-peer.js';
import { ensurePkiDir } from '../../src/csms/index.js';
import { signCsr } from '../../src/csms/sign-csr.js';
import { needsOpenssl } from '../pnc/certs-harness.js';
import { testCsms } from './harness.js';

test(
  'SignCertificate from an ocpp-rpc station gets Accepted, then a CertificateSigned chain that openssl verifies against the CSMS CA',
  needsOpenssl,
  async () => {
    const work = mkdtempSync(join(tmpdir(), 'ocppctl-pnc-loop-'));
    const { pki } = await ensurePkiDir(join(work, 'pki'));
    const { csms, events } = await testCsms({ signingCa: pki.ca, probe: 'install-v2g-root' });
    const station = new RPCClient({
      endpoint: csms.url.replace(/\/$/, ''),
      identity: 'rpc-pnc',
      protocols: ['ocpp2.0.1'],
      reconnect: false,
      strictMode: true,
    });
    const received: Record<string, Record<string, unknown>> = {};
    let signed!: () => void;
    const gotSigned = new Promise<void>((r) => (signed = r));
    let installed!: () => void;
    const gotInstall = new Promise<void>((r) => (installed = r));
    station.handle(({ method, params }) => {
      received[method] = params;
      if (method === 'CertificateSigned') signed();
      if (method === 'InstallCertificate') installed();
      return { status: 'Accepted' };
    });
    try {
      await station.connect();
      await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'RPC', vendorName: 'ocpp-rpc' } });
      await gotInstall;
      const answer = await station.call('SignCertificate', {
        csr: opensslCsr(work, 'secc', '/CN=DEPNXS1234567/O=Test/C=DE/DC=CPO'),
        certificateType: 'V2GCertificate',
      });
      assert.equal(answer.status, 'Accepted');
      await gotSigned;
      const ev = await station.call('Get15118EVCertificate', {
        iso15118SchemaVersion: 'urn:iso:15118:2:2013:MsgDef',
        action: 'Install',
        exiRequest: 'AAAA',
      });
      assert.equal(ev.status, 'Failed');
    } finally {
      await station.close();
      await csms.close();
    }
    assert.equal(received.InstallCertificate.certificateType, 'V2GRootCertificate');
    assert.equal(received.InstallCertificate.certificate, pki.ca.cert);
    assert.equal(received.CertificateSigned.certificateType, 'V2GCertificate');
    const chain = String(received.CertificateSigned.certificateChain);
    writeFileSync(join(work, 'chain.pem'), chain);
    writeFileSync(join(work, 'ca.pem'), pki.ca.cert);
    const verified = execFileSync('openssl', ['verify', '-CAfile', join(work, 'ca.pem'), join(work, 'chain.pem')], { encoding: 'utf8' });
    assert.match(verified, /chain\.pem: OK/);
    const subject = execFileSync('openssl', ['x509', '-in', join(work, 'chain.pem'), '-noout', '-subject'], { encoding: 'utf8' });
    assert.match(subject, /CN\s*=\s*DEPNXS1234567/);
    assert.match(subject, /DC\s*=\s*CPO/);
    // the signed certificate carries the CSR's key
    const pub = (args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });
    assert.equal(
      pub(['x509', '-in', join(work, 'chain.pem'), '-noout', '-pubkey']),
      pub(['pkey', '-in', join(work, 'secc.key'), '-pubout']),
    );
    assert.ok(events.some((e) => e.kind === 'certificate' && /signed the V2GCertificate CSR; CertificateSigned Accepted/.test(e.outcome)));
    assert.ok(events.some((e) => e.kind === 'probe' && e.outcome === 'InstallCertificate V2GRootCertificate Accepted'));
  },
);

test('a CSR whose signature does not verify is refused with a typed error, and a garbled one too', needsOpenssl, async () => {
  const work = mkdtempSync(join(tmpdir(), 'ocppctl-pnc-csr-'));
  const { pki } = await ensurePkiDir(join(work, 'pki'));
  const good = opensslCsr(work, 'secc', '/CN=cp001/O=Test');
  const body = good
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  const bytes = Buffer.from(body, 'base64');
  bytes[bytes.length - 5] ^= 0xff; // inside the signature
  const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${bytes.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE REQUEST-----\n`;
  await assert.rejects(signCsr(tampered, pki.ca, 'ChargingStationCertificate'), (err: Error) => err.name === 'OcppctlError');
  await assert.rejects(
    signCsr('not a csr', pki.ca, 'ChargingStationCertificate'),
    (err: Error) => err.name === 'OcppctlError' && /does not parse/.test(err.message),
  );
  assert.match(await signCsr(good, pki.ca, 'ChargingStationCertificate'), /^-----BEGIN CERTIFICATE-----[\s\S]+-----BEGIN CERTIFICATE-----/);
});

test(
  '--ca-cert/--ca-key: an RSA CA made by openssl signs too; a key of another CA or a leaf as CA is an input error',
  needsOpenssl,
  async () => {
    const { runCli } = await import('../support/cli.js');
    const work = mkdtempSync(join(tmpdir(), 'ocppctl-pnc-ca-'));
    const sh = (...args: string[]) => execFileSync('openssl', args, { cwd: work, stdio: 'ignore' });
    sh(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-subj',
      '/CN=RSA test CA',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    );
    sh('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'other.key');
    const ca = { cert: readFileSync(join(work, 'ca.pem'), 'utf8'), key: readFileSync(join(work, 'ca.key'), 'utf8') };
    const chain = await signCsr(opensslCsr(work, 'secc', '/CN=cp001/O=Test'), ca, 'ChargingStationCertificate');
    writeFileSync(join(work, 'chain.pem'), chain);
    assert.match(execFileSync('openssl', ['verify', '-CAfile', join(work, 'ca.pem'), join(work, 'chain.pem')], { encoding: 'utf8' }), /OK/);
    const wrong = await runCli(['csms', '--ca-cert', 'ca.pem', '--ca-key', 'other.key', '--port', '0'], { cwd: work });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--ca-key other\.key: not the key of --ca-cert ca\.pem/);
    assert.ok(!wrong.stderr.includes('PRIVATE KEY') && !wrong.stdout.includes('PRIVATE KEY'));
    const half = await runCli(['csms', '--ca-cert', 'ca.pem', '--port', '0'], { cwd: work });
    assert.equal(half.code, 2);
    assert.match(half.stderr, /--ca-cert and --ca-key go together/);
    const probe = await runCli(['csms', '--probe', 'install-v2g-root', '--port', '0'], { cwd: work });
    assert.equal(probe.code, 2);
  },
);
