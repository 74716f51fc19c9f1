import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { WebSocket } from 'ws';
import { issueCertificate } from '../../src/csms/index.js';
import { runCli } from '../support/cli.js';
import { startCsmsChild, until } from '../protocol/csms-child.js';
import type { CsmsChild } from '../protocol/csms-child.js';
import { writeStationConfig } from './station-config.js';

const KEYS = ['ca-key.pem', 'server-key.pem', 'client-key.pem'];
const fingerprintOf = (out: string) => /test CA in .*: SHA-256 ([0-9A-F:]{95})/.exec(out)?.[1];
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const modeOf = (path: string) => statSync(path).mode & 0o777;

async function withCsms<T>(args: string[], body: (csms: CsmsChild) => Promise<T>): Promise<T> {
  const csms = await startCsmsChild(args);
  try {
    return await body(csms);
  } finally {
    await csms.stop();
  }
}

/** `ocppctl connect` as a profile 3 station: real TLS both ways, with the CA and client certificate given. */
async function connectStation(csms: CsmsChild, ca: string, dir: string, extra: string[] = []) {
  const config = writeStationConfig({ url: csms.url, securityProfile: 3 });
  return runCli([
    'connect',
    '--config',
    config,
    '--ca',
    ca,
    '--cert',
    join(dir, 'client.pem'),
    '--key',
    join(dir, 'client-key.pem'),
    '--timeout',
    '10',
    ...extra,
  ]);
}

const selfSigned = (dir: string, ...more: string[]) => ['--security-profile', '3', '--self-signed', dir, ...more];

test(
  '--self-signed keeps its CA across a restart: same CA and server certificate, a station set up before still connects',
  { timeout: 90_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'ocppctl-pki-keep-'));
    const dir = join(root, 'pki');
    const oldCa = join(root, 'station-ca.pem');
    const first = await withCsms(selfSigned(dir), async (csms) => {
      const out = csms.stdout();
      assert.match(out, /made ca\.pem \+ ca-key\.pem \(CA\): ca\.pem is missing/);
      assert.match(out, /made server\.pem \+ server-key\.pem \(localhost, 127\.0\.0\.1, ::1\): the CA is new/);
      assert.match(out, /made client\.pem \+ client-key\.pem \(CN cp001\): the CA is new/);
      assert.doesNotMatch(out, /reused/);
      // the station is given the CA once, as a real one would be
      copyFileSync(join(dir, 'ca.pem'), oldCa);
      const r = await connectStation(csms, oldCa, dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      return { fingerprint: fingerprintOf(out), server: read(dir, 'server.pem'), client: read(dir, 'client.pem'), out };
    });
    assert.ok(first.fingerprint, first.out);
    assert.equal(first.fingerprint, new X509Certificate(read(dir, 'ca.pem')).fingerprint256, 'the printed fingerprint is the CA file');
    for (const key of KEYS) assert.equal(modeOf(join(dir, key)), 0o600, `${key} is owner-only`);
    assert.doesNotMatch(first.out, /PRIVATE KEY/);

    await withCsms(selfSigned(dir), async (csms) => {
      const out = csms.stdout();
      assert.equal(fingerprintOf(out), first.fingerprint, 'same CA after the restart');
      assert.match(
        out,
        /reused ca\.pem \+ ca-key\.pem \(CA\), server\.pem \+ server-key\.pem \(localhost, 127\.0\.0\.1, ::1\), client\.pem \+ client-key\.pem \(CN cp001\)/,
      );
      assert.doesNotMatch(out, /\bmade\b/);
      assert.equal(read(dir, 'server.pem'), first.server, 'same server certificate');
      assert.equal(read(dir, 'client.pem'), first.client, 'same client certificate');
      const r = await connectStation(csms, oldCa, dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    });
  },
);

test(
  "a deleted server certificate is made again, signed by the kept CA: the station's old --ca still works",
  { timeout: 90_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'ocppctl-pki-server-'));
    const dir = join(root, 'pki');
    const oldCa = join(root, 'station-ca.pem');
    const fingerprint = await withCsms(
      selfSigned(dir),
      async (csms) => (copyFileSync(join(dir, 'ca.pem'), oldCa), fingerprintOf(csms.stdout())),
    );
    const oldServer = read(dir, 'server.pem');
    const oldClient = read(dir, 'client.pem');
    rmSync(join(dir, 'server.pem'));

    await withCsms(selfSigned(dir), async (csms) => {
      const out = csms.stdout();
      assert.equal(fingerprintOf(out), fingerprint, 'CA kept');
      assert.match(out, /reused ca\.pem \+ ca-key\.pem \(CA\), client\.pem \+ client-key\.pem \(CN cp001\)/);
      assert.match(out, /made server\.pem \+ server-key\.pem \(localhost, 127\.0\.0\.1, ::1\): server\.pem is missing/);
      assert.notEqual(read(dir, 'server.pem'), oldServer);
      assert.equal(read(dir, 'client.pem'), oldClient);
      const leaf = new X509Certificate(read(dir, 'server.pem'));
      assert.ok(leaf.verify(new X509Certificate(read(dir, 'ca.pem')).publicKey), 'the new server certificate is signed by the kept CA');
      assert.equal(modeOf(join(dir, 'server-key.pem')), 0o600);
      const r = await connectStation(csms, oldCa, dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    });
  },
);

test('an expired server certificate is made again; the CA and the client certificate stay', { timeout: 90_000 }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-pki-expired-')), 'pki');
  const fingerprint = await withCsms(selfSigned(dir), async (csms) => fingerprintOf(csms.stdout()));
  const ca = { cert: read(dir, 'ca.pem'), key: read(dir, 'ca-key.pem') };
  const DAY = 86_400_000;
  const expired = await issueCertificate({
    cn: 'localhost',
    ca,
    dnsNames: ['localhost'],
    ips: ['127.0.0.1', '::1'],
    notBefore: new Date(Date.now() - 40 * DAY),
    notAfter: new Date(Date.now() - 10 * DAY),
  });
  writeFileSync(join(dir, 'server.pem'), expired.cert + ca.cert);
  writeFileSync(join(dir, 'server-key.pem'), expired.key, { mode: 0o600 });
  const oldClient = read(dir, 'client.pem');

  await withCsms(selfSigned(dir), async (csms) => {
    const out = csms.stdout();
    assert.equal(fingerprintOf(out), fingerprint);
    assert.match(out, /made server\.pem \+ server-key\.pem \(localhost, 127\.0\.0\.1, ::1\): server\.pem expired on \d{4}-\d\d-\d\d/);
    assert.match(out, /reused ca\.pem \+ ca-key\.pem \(CA\), client\.pem \+ client-key\.pem/);
    assert.equal(read(dir, 'client.pem'), oldClient);
    const leaf = new X509Certificate(read(dir, 'server.pem'));
    assert.ok(new Date(leaf.validTo).getTime() > Date.now(), 'the new one is valid');
    const r = await connectStation(csms, join(dir, 'ca.pem'), dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});

test('--force makes a new CA and new certificates; keys stay 0600, a widened key is narrowed on reuse', { timeout: 90_000 }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-pki-force-')), 'pki');
  const fingerprint = await withCsms(selfSigned(dir), async (csms) => fingerprintOf(csms.stdout()));
  const before = Object.fromEntries(['ca.pem', 'server.pem', 'client.pem', ...KEYS].map((f) => [f, read(dir, f)]));

  // a key copied around by hand with the umask's mode
  chmodSync(join(dir, 'client-key.pem'), 0o644);
  await withCsms(selfSigned(dir), async (csms) => assert.equal(fingerprintOf(csms.stdout()), fingerprint));
  assert.equal(modeOf(join(dir, 'client-key.pem')), 0o600, 'a reused key is made owner-only');

  for (const key of KEYS) chmodSync(join(dir, key), 0o644);
  await withCsms(selfSigned(dir, '--force'), async (csms) => {
    const out = csms.stdout();
    assert.notEqual(fingerprintOf(out), fingerprint, 'a new CA');
    for (const what of ['ca\\.pem \\+ ca-key\\.pem \\(CA\\)', 'server\\.pem \\+ server-key\\.pem', 'client\\.pem \\+ client-key\\.pem'])
      assert.match(out, new RegExp(`made ${what}.*: --force`));
    assert.doesNotMatch(out, /reused|PRIVATE KEY/);
    const r = await connectStation(csms, join(dir, 'ca.pem'), dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
  for (const [file, text] of Object.entries(before)) assert.notEqual(read(dir, file), text, `${file} is new`);
  for (const key of KEYS) assert.equal(modeOf(join(dir, key)), 0o600, `${key} replaced owner-only, whatever the old file's mode`);

  const usage = await runCli(['csms', '--force']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--force .*--self-signed/);

  // a DIR that is a file is an input error, not a stack trace
  const file = join(dir, 'ca.pem');
  const notDir = await runCli(['csms', '--port', '0', '--self-signed', file]);
  assert.equal(notDir.code, 2);
  assert.match(notDir.stderr, /cannot create --self-signed folder .*ca\.pem \(EEXIST\)/);
});

test('a CA from an older ocppctl (no ca-key.pem) is replaced with everything it signed, and says why', { timeout: 60_000 }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-pki-old-')), 'pki');
  const fingerprint = await withCsms(selfSigned(dir), async (csms) => fingerprintOf(csms.stdout()));
  rmSync(join(dir, 'ca-key.pem'));
  await withCsms(selfSigned(dir), async (csms) => {
    const out = csms.stdout();
    assert.notEqual(fingerprintOf(out), fingerprint);
    assert.match(out, /made ca\.pem \+ ca-key\.pem \(CA\): ca-key\.pem is missing/);
    assert.match(out, /made server\.pem .*: the CA is new/);
  });
});

test(
  'a client certificate that is not PEM is made again; a server certificate that does not name --host too',
  { timeout: 60_000 },
  async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-pki-names-')), 'pki');
    // any 127/8 address is loopback on Linux
    const fingerprint = await withCsms(selfSigned(dir, '--host', '127.0.0.2'), async (csms) => {
      assert.match(csms.stdout(), /made server\.pem \+ server-key\.pem \(localhost, 127\.0\.0\.1, ::1, 127\.0\.0\.2\)/);
      assert.match(csms.url, /127\.0\.0\.2/);
      const r = await connectStation(csms, join(dir, 'ca.pem'), dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      return fingerprintOf(csms.stdout());
    });
    // back on 127.0.0.1, which the certificate names too
    await withCsms(selfSigned(dir), async (csms) => assert.match(csms.stdout(), /reused .*server\.pem \+ server-key\.pem/));
    writeFileSync(join(dir, 'client.pem'), 'not a certificate\n');
    await withCsms(selfSigned(dir, '--host', '127.0.0.3'), async (csms) => {
      const out = csms.stdout();
      assert.equal(fingerprintOf(out), fingerprint);
      assert.match(
        out,
        /made server\.pem \+ server-key\.pem \(localhost, 127\.0\.0\.1, ::1, 127\.0\.0\.3\): server\.pem does not name 127\.0\.0\.3/,
      );
      assert.match(out, /made client\.pem \+ client-key\.pem \(CN cp001\): client\.pem is not a PEM certificate/);
      const r = await connectStation(csms, join(dir, 'ca.pem'), dir);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    });
  },
);

test(
  'failed TLS handshakes are logged like a refused password: one line with the peer address and the reason',
  { timeout: 90_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'ocppctl-pki-handshake-'));
    const dir = join(root, 'pki');
    const log = join(root, 'csms.jsonl');
    await withCsms([...selfSigned(dir), '--log', log], async (csms) => {
      const port = Number(new URL(csms.url).port);
      const ca = join(dir, 'ca.pem');
      const config = writeStationConfig({ url: csms.url, securityProfile: 3 });

      // a profile 3 station without a client certificate (ocppctl connect refuses to dial like that, so a bare WebSocket client)
      const none = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${csms.url}cp001`, ['ocpp2.0.1'], { ca: read(dir, 'ca.pem') });
        ws.on('open', () => (ws.terminate(), resolve('open')));
        ws.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      });
      assert.notEqual(none, 'open');
      await until(() => /no client certificate/.test(csms.stdout()));
      assert.match(
        csms.stdout(),
        /\(no identity\): refused 127\.0\.0\.1:\d+ in the TLS handshake: the station sent no client certificate \(security profile 3 needs one signed by the client CA\)\n/,
      );

      // a client certificate from another CA
      const otherCa = await issueCertificate({ cn: 'another CA', usage: 'ca' });
      const stranger = await issueCertificate({ cn: 'cp001', ca: otherCa, usage: 'client' });
      writeFileSync(join(root, 'stranger.pem'), stranger.cert + otherCa.cert);
      writeFileSync(join(root, 'stranger-key.pem'), stranger.key, { mode: 0o600 });
      const foreign = await runCli([
        'connect',
        '--config',
        config,
        '--ca',
        ca,
        '--cert',
        join(root, 'stranger.pem'),
        '--key',
        join(root, 'stranger-key.pem'),
        '--timeout',
        '10',
      ]);
      assert.equal(foreign.code, 1, foreign.stdout);
      await until(() => /not signed by the client CA/.test(csms.stdout()));
      assert.match(
        csms.stdout(),
        /refused 127\.0\.0\.1:\d+ in the TLS handshake: the station's client certificate is not signed by the client CA \([A-Z_]+\)\n/,
      );

      // our CA's client certificate, expired
      const expired = await issueCertificate({
        cn: 'cp001',
        ca: { cert: read(dir, 'ca.pem'), key: read(dir, 'ca-key.pem') },
        usage: 'client',
        notBefore: new Date(Date.now() - 40 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      });
      writeFileSync(join(root, 'expired.pem'), expired.cert);
      writeFileSync(join(root, 'expired-key.pem'), expired.key, { mode: 0o600 });
      const old = await runCli([
        'connect',
        '--config',
        config,
        '--ca',
        ca,
        '--cert',
        join(root, 'expired.pem'),
        '--key',
        join(root, 'expired-key.pem'),
        '--timeout',
        '10',
      ]);
      assert.equal(old.code, 1, old.stdout);
      await until(() => /client certificate has expired/.test(csms.stdout()));
      assert.match(
        csms.stdout(),
        /refused 127\.0\.0\.1:\d+ in the TLS handshake: the station's client certificate has expired \(CERT_HAS_EXPIRED\)\n/,
      );

      // a station that does not trust our CA, and one that dialled a name the certificate does not have (Node checks both after the handshake)
      for (const o of [
        { ca: otherCa.cert, servername: 'localhost' },
        { ca: read(dir, 'ca.pem'), servername: 'wrong.example' },
      ]) {
        await new Promise<void>((resolve) => {
          const s = tlsConnect({ host: '127.0.0.1', port, cert: read(dir, 'client.pem'), key: read(dir, 'client-key.pem'), ...o });
          s.on('error', () => resolve());
          s.on('close', () => resolve());
        });
      }
      await until(() => (csms.stdout().match(/the station closed the connection/g) ?? []).length >= 2);
      assert.match(
        csms.stdout(),
        /refused 127\.0\.0\.1:\d+ in the TLS handshake: the station closed the connection during the TLS handshake \(does it trust this CA/,
      );

      // OpenSSL, as libocpp uses it, checks the host name inside the handshake and says so with an alert
      const openssl = spawnSync('openssl', ['version']);
      if (openssl.status === 0) {
        spawnSync(
          'openssl',
          ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', ca, '-verify_hostname', 'wrong.example', '-verify_return_error'],
          { input: '', timeout: 10_000 },
        );
        await until(() => /alert bad certificate/.test(csms.stdout()));
        assert.match(
          csms.stdout(),
          /refused 127\.0\.0\.1:\d+ in the TLS handshake: the station refused our server certificate \(alert bad certificate/,
        );
      }

      const lines = csms
        .stdout()
        .split('\n')
        .filter((l) => l.includes('in the TLS handshake'));
      assert.ok(lines.length >= 5, csms.stdout());
      // one line per failure: https passes each handshake error on a second time, as a client error
      assert.doesNotMatch(csms.stdout(), /dropped .*(ERR_SSL|ECONNRESET)/);
      assert.doesNotMatch(csms.stdout(), /refused \?/);
      const events = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; remote?: string; reason?: string; code?: string });
      const failed = events.filter((e) => e.kind === 'tls-failed');
      assert.equal(failed.length, lines.length);
      assert.ok(
        failed.every((e) => /^127\.0\.0\.1:\d+$/.test(e.remote ?? '')),
        JSON.stringify(failed),
      );
      assert.ok(failed.some((e) => e.code === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE'));

      // and the CSMS still serves a good station
      const good = await connectStation(csms, ca, dir);
      assert.equal(good.code, 0, good.stdout + good.stderr);
    });
  },
);

test(
  'two csms started at once on one new --self-signed folder serve one CA: the second waits and reuses it',
  { timeout: 90_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'ocppctl-pki-race-'));
    const dir = join(root, 'pki');
    const [a, b] = await Promise.all([startCsmsChild(selfSigned(dir)), startCsmsChild(selfSigned(dir))]);
    try {
      const outs = [a.stdout(), b.stdout()];
      const prints = outs.map(fingerprintOf);
      assert.ok(prints[0] !== undefined && prints[0] === prints[1], outs.join('\n---\n'));
      // one of them made the CA, the other reused everything it made
      assert.equal(outs.filter((o) => /made ca\.pem/.test(o)).length, 1, outs.join('\n---\n'));
      assert.equal(outs.filter((o) => /reused ca\.pem/.test(o)).length, 1, outs.join('\n---\n'));
      assert.equal(new X509Certificate(read(dir, 'ca.pem')).fingerprint256, prints[0]);
      assert.ok(!readdirSync(dir).includes('.ocppctl-lock'), 'the lock is released once the files are there');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  },
);
