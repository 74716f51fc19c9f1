// Get15118EVCertificate against `ocppctl csms` (a real process), sent by a station written with ocpp-rpc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RPCClient } from './rpc-peer.js';
import { startCsmsChild } from '../protocol/csms-child.js';
import type { CsmsChild } from '../protocol/csms-child.js';
import { runCli } from '../support/cli.js';

/**
 * Boots an ocpp-rpc station and asks for an EV certificate. Under 2.0.1 in strict mode: it validates what it sends
 * and receives. Its 2.1 schema file names its schemas in another form (urn:BootNotificationRequest) than its
 * validator looks for (urn:BootNotification.req), so 2.1 runs without; the CSMS validates its answer itself.
 */
async function askEvCertificate(csms: CsmsChild, protocol: 'ocpp2.0.1' | 'ocpp2.1'): Promise<Record<string, unknown>> {
  const station = new RPCClient({
    endpoint: csms.url.replace(/\/$/, ''),
    identity: 'rpc-ev-cert',
    protocols: [protocol],
    reconnect: false,
    strictMode: protocol === 'ocpp2.0.1',
  });
  try {
    await station.connect();
    await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'RPC', vendorName: 'ocpp-rpc' } });
    return await station.call('Get15118EVCertificate', {
      iso15118SchemaVersion: 'urn:iso:15118:2:2013:MsgDef',
      action: 'Install',
      exiRequest: 'gAAAAA==',
    });
  } finally {
    await station.close();
  }
}

const waitFor = async (csms: CsmsChild, pattern: RegExp) => {
  for (let i = 0; i < 100 && !pattern.test(csms.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
  return csms.stdout();
};

// the base64 of some bytes standing for an EXI CertificateInstallationRes; the CSMS passes it on untouched
const EXI = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)).toString('base64');

test('without --ev-certificate-response the answer is Failed and the log line says why', async () => {
  const csms = await startCsmsChild([]);
  try {
    const answer = await askEvCertificate(csms, 'ocpp2.0.1');
    assert.equal(answer.status, 'Failed');
    assert.equal(answer.exiResponse, '');
    const out = await waitFor(csms, /answered Failed/);
    assert.match(
      out,
      /rpc-ev-cert: certificate: Get15118EVCertificate Install answered Failed: the test CSMS has no contract certificate pool .* give --ev-certificate-response FILE/,
    );
  } finally {
    await csms.stop();
  }
});

test('with --ev-certificate-response the answer is Accepted with exactly that exiResponse (2.0.1 and 2.1)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-ev-cert-'));
  // wrapped at 76 columns with a final newline, as base64(1) writes it: the line breaks are not part of the value
  writeFileSync(join(dir, 'res.b64'), EXI.replace(/(.{76})/g, '$1\n') + '\n');
  const csms = await startCsmsChild(['--ev-certificate-response', join(dir, 'res.b64')]);
  try {
    for (const protocol of ['ocpp2.0.1', 'ocpp2.1'] as const) {
      const answer = await askEvCertificate(csms, protocol);
      assert.equal(answer.status, 'Accepted', protocol);
      assert.equal(answer.exiResponse, EXI, protocol);
    }
    assert.match(
      await waitFor(csms, /answered Accepted/),
      new RegExp(
        `Get15118EVCertificate Install answered Accepted with the exiResponse of --ev-certificate-response \\(${EXI.length} characters\\)`,
      ),
    );
  } finally {
    await csms.stop();
  }
});

test('--ev-certificate-response: a missing, empty, non-base64 or too long file is an input error, exit 2, one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-ev-cert-bad-'));
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const cases: [string, RegExp][] = [
    [join(dir, 'missing.b64'), /missing\.b64: no such file$/],
    [dir, /: not a regular file$/],
    [write('empty.b64', '\n'), /empty\.b64: the file is empty/],
    [write('text.b64', 'this is not base64!'), /text\.b64: not base64/],
    [write('short.b64', 'abc'), /short\.b64: not base64/],
    // over 2.0.1's 5600, within 2.1's 17000: refused while 2.0.1 is served, with the way out
    [
      write('long.b64', 'A'.repeat(6000)),
      /long\.b64: 6000 base64 characters, over OCPP 2\.0\.1's exiResponse limit of 5600 \(serve only OCPP 2\.1 with --ocpp 2\.1\)$/,
    ],
    [write('huge.b64', 'A'.repeat(20000)), /huge\.b64: 20000 base64 characters, over OCPP 2\.1's exiResponse limit of 17000$/],
  ];
  for (const [file, pattern] of cases) {
    const r = await runCli(['csms', '--port', '0', '--ev-certificate-response', file]);
    assert.equal(r.code, 2, `${file}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), pattern);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  }
});

test('bash completion knows --ev-certificate-response and completes a file name after it', async () => {
  const script = await runCli(['completion', 'bash']);
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-ev-cert-completion-'));
  writeFileSync(join(dir, 'ocppctl.bash'), script.stdout);
  writeFileSync(join(dir, 'res.b64'), EXI);
  const complete = (words: string[]) => {
    const body = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _ocppctl_completions; printf "%s\\n" "${COMPREPLY[@]}"';
    const r = spawnSync('bash', ['-c', body, 'bash', join(dir, 'ocppctl.bash'), ...words], { encoding: 'utf8', cwd: dir });
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(complete(['ocppctl', 'csms', '--ev-cert']), ['--ev-certificate-response']);
  assert.ok(complete(['ocppctl', 'csms', '--ev-certificate-response', 'res']).includes('res.b64'));
});
