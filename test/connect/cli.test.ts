import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestPki } from '../../src/csms/index.js';
import type { TestPki } from '../../src/csms/index.js';
import { runCli } from '../support/cli.js';
import { BIN } from '../support/paths.js';
import { testCsms } from './harness.js';
import { writeStationConfig } from './station-config.js';

const SECRET = 'sixteen-char-secret';
let pki: TestPki;
let pem: { ca: string; cert: string; key: string };
before(async () => {
  pki = await makeTestPki('cp001');
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-pki-'));
  pem = { ca: join(dir, 'ca.pem'), cert: join(dir, 'client.pem'), key: join(dir, 'client-key.pem') };
  writeFileSync(pem.ca, pki.ca.cert);
  writeFileSync(pem.cert, pki.client.cert + pki.ca.cert);
  writeFileSync(pem.key, pki.client.key);
});

test('connect with a profile 1 slot prints the checklist, exits 0 and never prints the password', async () => {
  const { csms } = await testCsms({ securityProfile: 1, password: SECRET });
  const config = writeStationConfig({ url: csms.url, securityProfile: 1, securityPassword: SECRET });
  const r = await runCli(['connect', '--config', config]);
  await csms.close();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const step of ['slot', 'resolve', 'tcp', 'upgrade', 'boot', 'heartbeat', 'status']) assert.match(r.stdout, new RegExp(`✓ ${step}`));
  assert.match(r.stdout, /subprotocol ocpp2\.1/);
  assert.match(r.stdout, /password from SecurityCtrlr/);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
});

test('--password-env overrides the configured password; a wrong one exits 1 with HTTP 401 and a hint', async () => {
  const { csms } = await testCsms({ securityProfile: 1, password: SECRET });
  const config = writeStationConfig({ url: csms.url, securityProfile: 1, securityPassword: SECRET });
  const r = await runCli(['connect', '--config', config, '--password-env', 'PW'], { env: { PW: 'wrong-password-123' } });
  await csms.close();
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ upgrade .*HTTP 401/);
  // the flag supplied the password, so the hint names the flag, not the slot's BasicAuthPassword
  assert.match(r.stdout, /hint: .*check the password in PW \(--password-env\)/);
  assert.doesNotMatch(r.stdout, /hint: .*BasicAuthPassword/);
  assert.doesNotMatch(r.stdout + r.stderr, /wrong-password-123/);
});

test('a ws:// URL in a profile 2 slot is refused before dialling, exit 1', async () => {
  const { csms, events } = await testCsms();
  const config = writeStationConfig({ url: csms.url, securityProfile: 2, securityPassword: SECRET });
  const r = await runCli(['connect', '--config', config]);
  await csms.close();
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ slot .*insecure scheme ws:\/\/ does not fit security profile 2/);
  assert.equal(events.filter((e) => e.kind !== 'listening').length, 0);
});

test('profile 3 via the command line: --ca, --cert and --key, JSON result', async () => {
  const { csms } = await testCsms({
    securityProfile: 3,
    tlsCert: pki.server.cert + pki.ca.cert,
    tlsKey: pki.server.key,
    clientCa: pki.ca.cert,
  });
  const config = writeStationConfig({ url: csms.url.replace('127.0.0.1', 'localhost'), securityProfile: 3 });
  const r = await runCli([
    'connect',
    '--config',
    config,
    '--ca',
    pem.ca,
    '--cert',
    pem.cert,
    '--key',
    pem.key,
    '--json',
    '--ocpp',
    '2.0.1',
  ]);
  await csms.close();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.results[0].subprotocol, 'ocpp2.0.1');
  assert.match(out.results[0].serverCertificate.subject, /CN=localhost/);
  assert.doesNotMatch(r.stdout, /PRIVATE KEY/);
});

test('--url and --identity override the slot, and the identity is appended once', async () => {
  const { csms, events } = await testCsms();
  const config = writeStationConfig({ url: 'ws://unused.invalid/', securityProfile: 0, identity: 'slot-id' });
  const r = await runCli(['connect', '--config', config, '--url', `${csms.url}ocpp/flag-id`, '--identity', 'flag-id']);
  await csms.close();
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`${csms.url}ocpp/flag-id,`));
  assert.match(r.stdout, /identity from flag/);
  assert.ok(events.some((e) => e.kind === 'connected' && e.identity === 'flag-id'));
});

test('a missing config folder is an input error, exit 2', async () => {
  const r = await runCli(['connect', '--config', join(tmpdir(), 'no-such-ocppctl-config')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^ocppctl: /);
});

test('ocppctl csms prints its URL, logs JSON lines without the password and exits 130 on Ctrl-C', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-csms-'));
  const log = join(dir, 'csms.jsonl');
  const child = spawn(process.execPath, [BIN, 'csms', '--port', '0', '--security-profile', '1', '--password-env', 'PW', '--log', log], {
    env: { ...process.env, PW: SECRET, NO_COLOR: '1' },
  });
  let out = '';
  const url = await new Promise<string>((resolve) =>
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m && out.includes('Ctrl-C')) resolve(m[1]);
    }),
  );
  const config = writeStationConfig({ url, securityProfile: 1, slotPassword: SECRET });
  const r = await runCli(['connect', '--config', config]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  const lines = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => l.kind === 'message' && l.message.frame.action === 'BootNotification'));
  assert.doesNotMatch(readFileSync(log, 'utf8') + out, new RegExp(SECRET));
});

test('--all-slots tries every listed slot in order and exits 1 when one fails', async () => {
  const { csms } = await testCsms();
  const config = writeStationConfig({ url: 'wss://127.0.0.1:9/', securityProfile: 0, slot2: { url: csms.url, securityProfile: 0 } });
  const r = await runCli(['connect', '--config', config, '--all-slots', '--json']);
  await csms.close();
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    out.results.map((x: { slot: number; ok: boolean }) => [x.slot, x.ok]),
    [
      [1, false],
      [2, true],
    ],
  );
  assert.equal(out.results[0].failure.class, 'config');
});
