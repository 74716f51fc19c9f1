import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { WebSocket } from 'ws';
import { runCli } from '../support/cli.js';
import { writeStationConfig } from '../connect/station-config.js';
import { startCsmsChild } from './csms-child.js';
import type { CsmsChild } from './csms-child.js';
import { closeCodeIn, closePayload, collectUntilClosed, frame, upgradeAsClient } from './raw-ws.js';

const PASSWORD = 'sixteen-chars-pw!';
const auth = (identity: string) => `Basic ${Buffer.from(`${identity}:${PASSWORD}`).toString('base64')}`;
const KB = 1024;

// Each frame-level attack of the report, with the close code RFC 6455 §7.4.1 names for it.
const ATTACKS: { name: string; code: number; frames: () => Buffer[] }[] = [
  {
    name: 'invalid UTF-8 in a text frame',
    code: 1007,
    frames: () => [frame({ opcode: 1, payload: Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), mask: true })],
  },
  { name: 'RSV1 set without an extension', code: 1002, frames: () => [frame({ opcode: 1, rsv: 0x40, payload: '[]', mask: true })] },
  { name: 'RSV2 set', code: 1002, frames: () => [frame({ opcode: 1, rsv: 0x20, payload: '[]', mask: true })] },
  { name: 'RSV3 set', code: 1002, frames: () => [frame({ opcode: 1, rsv: 0x10, payload: '[]', mask: true })] },
  { name: 'reserved data opcode 0x3', code: 1002, frames: () => [frame({ opcode: 0x3, payload: 'x', mask: true })] },
  { name: 'reserved control opcode 0xB', code: 1002, frames: () => [frame({ opcode: 0xb, payload: 'x', mask: true })] },
  { name: 'ping with 126 bytes', code: 1002, frames: () => [frame({ opcode: 0x9, payload: Buffer.alloc(126), mask: true })] },
  { name: 'fragmented ping', code: 1002, frames: () => [frame({ opcode: 0x9, fin: false, payload: 'x', mask: true })] },
  { name: 'unmasked client frame', code: 1002, frames: () => [frame({ opcode: 1, payload: '[]' })] },
  { name: 'continuation without a first fragment', code: 1002, frames: () => [frame({ opcode: 0, payload: '[]', mask: true })] },
  {
    name: 'close frame with the reserved code 1005',
    code: 1002,
    frames: () => [frame({ opcode: 0x8, payload: closePayload(1005), mask: true })],
  },
  {
    name: 'close reason with invalid UTF-8',
    code: 1007,
    frames: () => [frame({ opcode: 0x8, payload: Buffer.concat([closePayload(1000), Buffer.from([0xff])]), mask: true })],
  },
  {
    name: 'text frame announced at 2 MiB',
    code: 1009,
    frames: () => [frame({ opcode: 1, announce: 2n * 1024n * 1024n, payload: Buffer.alloc(KB, 0x61), mask: true })],
  },
  {
    name: 'length beyond 2^53',
    code: 1009,
    frames: () => [frame({ opcode: 1, announce: 2n ** 60n, payload: Buffer.alloc(16, 0x61), mask: true })],
  },
  {
    name: 'two fragments adding up to 1.4 MiB',
    code: 1009,
    frames: () => [
      frame({ opcode: 1, fin: false, payload: Buffer.alloc(700 * KB, 0x61), mask: true }),
      frame({ opcode: 0, payload: Buffer.alloc(700 * KB, 0x61), mask: true }),
    ],
  },
];

interface Target {
  csms: CsmsChild;
  secure: boolean;
  ca?: string;
}

const BOOT = { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } };

/** A well-behaved station: a ws client that boots and then answers a heartbeat on demand. */
async function goodStation(t: Target) {
  const ws = new WebSocket(`${t.csms.url}good`, ['ocpp2.0.1'], t.secure ? { ca: t.ca!, headers: { Authorization: auth('good') } } : {});
  ws.on('error', () => undefined);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let n = 0;
  const call = (action: string, payload: object) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = `m${++n}`;
      const timer = setTimeout(() => reject(new Error(`no answer to ${action}`)), 5000);
      const onMessage = (d: Buffer) => {
        const msg = JSON.parse(d.toString()) as unknown[];
        if (msg[1] !== id) return;
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(msg);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify([2, id, action, payload]));
    });
  const boot = await call('BootNotification', BOOT);
  assert.equal((boot[2] as { status: string }).status, 'Accepted');
  return { ws, call };
}

async function rawClient(t: Target): Promise<Socket> {
  const port = Number(new URL(t.csms.url).port);
  const socket = t.secure
    ? tlsConnect({ host: '127.0.0.1', port, ca: t.ca!, servername: 'localhost' })
    : netConnect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await new Promise((resolve, reject) => (socket.once(t.secure ? 'secureConnect' : 'connect', resolve), socket.once('error', reject)));
  return socket;
}

/** Sends one attack; resolves with the close code the CSMS answered with. */
async function attack(t: Target, identity: string, frames: Buffer[]): Promise<number | undefined> {
  const socket = await rawClient(t);
  try {
    const after = await upgradeAsClient(socket, `/${identity}`, t.secure ? { Authorization: auth(identity) } : {});
    for (const f of frames) socket.write(f);
    // bounded: the CSMS answers with a close frame at once and drops the socket within its close timeout
    let data = after;
    for (let i = 0; i < 50 && closeCodeIn(data) === undefined; i++) {
      const got = await collectUntilClosed(socket, data, 100);
      data = got.data;
      if (got.closed) break;
    }
    return closeCodeIn(data);
  } finally {
    socket.destroy();
  }
}

async function logLines(log: string, want: (lines: Record<string, unknown>[]) => boolean) {
  let lines: Record<string, unknown>[] = [];
  for (let i = 0; i < 50; i++) {
    lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    if (want(lines)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return lines;
}

for (const secure of [false, true]) {
  const scheme = secure ? 'wss:// (security profile 2, TLS)' : 'ws://';
  test(
    `ocppctl csms over ${scheme}: each malformed frame closes that one connection with its close code and one log line, while a station keeps working`,
    { timeout: 90_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ocppctl-attack-'));
      const log = join(dir, 'csms.jsonl');
      const csms = await startCsmsChild(
        ['--log', log, ...(secure ? ['--security-profile', '2', '--self-signed', join(dir, 'pki'), '--password-env', 'PW'] : [])],
        { PW: PASSWORD },
      );
      const t: Target = { csms, secure, ...(secure ? { ca: readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8') } : {}) };
      let good: Awaited<ReturnType<typeof goodStation>> | undefined;
      try {
        good = await goodStation(t);
        for (const [i, a] of ATTACKS.entries()) {
          const code = await attack(t, `atk${i}`, a.frames());
          assert.equal(code, a.code, `${a.name}: close code`);
          const beat = await good.call('Heartbeat', {});
          assert.equal(beat[0], 3, `the station is still served after: ${a.name}`);
        }
        assert.equal(csms.child.exitCode, null, 'csms still runs');

        const lines = await logLines(log, (ls) =>
          ATTACKS.every((_, i) => ls.some((l) => l.kind === 'disconnected' && l.identity === `atk${i}`)),
        );
        // the terminal lines arrive through a pipe, which may trail the log file on a busy machine
        for (let n = 0; n < 50 && !ATTACKS.every((_, i) => csms.stdout().includes(`atk${i}: disconnected`)); n++)
          await new Promise((r) => setTimeout(r, 100));
        for (const [i, a] of ATTACKS.entries()) {
          const closes = lines.filter((l) => l.kind === 'disconnected' && l.identity === `atk${i}`);
          assert.equal(closes.length, 1, `${a.name}: one disconnect line`);
          assert.equal(closes[0].code, a.code, `${a.name}: logged close code`);
          assert.ok(typeof closes[0].error === 'string' && closes[0].error.length > 0, `${a.name}: the log says why`);
          const terminal = csms
            .stdout()
            .split('\n')
            .filter((l) => l.includes(`atk${i}: disconnected`));
          assert.equal(terminal.length, 1, `${a.name}: one terminal line`);
        }

        // the project's own station still boots against it
        const config = writeStationConfig(
          secure
            ? { url: csms.url.replace('127.0.0.1', 'localhost'), securityProfile: 2, securityPassword: PASSWORD }
            : { url: csms.url, securityProfile: 0 },
        );
        const r = await runCli(['connect', '--config', config, '--timeout', '10', ...(secure ? ['--ca', join(dir, 'pki', 'ca.pem')] : [])]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal(csms.stderr(), '', 'no stack trace, no warning');
        assert.equal(statSync(log).mode & 0o777, 0o600, 'the log file is owner-only');
      } finally {
        good?.ws.terminate();
        await csms.stop();
      }
    },
  );
}

test(
  'ocppctl csms: 5 parallel 100 MiB frames are refused from their header; memory stays under 300 MB and the log stays small',
  { timeout: 60_000 },
  async () => {
    const csms = await startCsmsChild([]);
    const t: Target = { csms, secure: false };
    let good: Awaited<ReturnType<typeof goodStation>> | undefined;
    try {
      good = await goodStation(t);
      const chunk = Buffer.alloc(1024 * KB, 0x61);
      const codes: (number | undefined)[] = [];
      const floods = Array.from({ length: 5 }, async (_, i) => {
        const socket = await rawClient(t);
        try {
          let data = await upgradeAsClient(socket, `/flood${i}`);
          socket.on('data', (d: Buffer) => (data = Buffer.concat([data, d])));
          // the whole 100 MiB frame, as the attack sent it, unless the CSMS drops the connection first
          socket.write(frame({ opcode: 1, announce: 100n * 1024n * 1024n, payload: Buffer.alloc(0), mask: true }));
          for (let n = 0; n < 100 && !socket.destroyed && socket.writable; n++) {
            if (!socket.write(chunk)) await new Promise((r) => (socket.once('drain', r), socket.once('close', r)));
          }
          codes[i] = closeCodeIn(data);
        } finally {
          socket.destroy();
        }
      });
      await Promise.all(floods);
      assert.deepEqual(codes, [1009, 1009, 1009, 1009, 1009]);
      const beat = await good.call('Heartbeat', {});
      assert.equal(beat[0], 3);
      const rss = csms.peakRss();
      if (rss !== undefined) console.log(`csms peak RSS after 5 parallel 100 MiB frames: ${Math.round(rss / 1024 / 1024)} MB`);
      if (rss !== undefined) assert.ok(rss < 300 * 1024 * 1024, `peak RSS ${Math.round(rss / 1024 / 1024)} MB`);
      assert.ok(csms.stdout().length < 64 * KB, `stdout grew to ${csms.stdout().length} characters`);
      assert.equal(csms.child.exitCode, null);
    } finally {
      good?.ws.terminate();
      await csms.stop();
    }
  },
);

test(
  'ocppctl csms --max-frame: a message over the limit closes with 1009, one under it is served; payloads over 4 KB are shortened in both logs',
  { timeout: 30_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-maxframe-'));
    const log = join(dir, 'csms.jsonl');
    const csms = await startCsmsChild(['--max-frame', '200000', '--log', log]);
    const t: Target = { csms, secure: false };
    let good: Awaited<ReturnType<typeof goodStation>> | undefined;
    try {
      good = await goodStation(t);
      const big = JSON.stringify([2, 'x1', 'DataTransfer', { vendorId: 'v', data: 'y'.repeat(250_000) }]);
      assert.equal(await attack(t, 'toobig', [frame({ opcode: 1, payload: big, mask: true })]), 1009);
      const res = await good.call('DataTransfer', { vendorId: 'v', data: 'z'.repeat(150_000) });
      assert.equal(res[0], 3, 'a 150 KB message under --max-frame is answered');
      const line = csms
        .stdout()
        .split('\n')
        .find((l) => l.includes('→ CALL DataTransfer'));
      assert.ok(line, 'the DataTransfer is logged');
      assert.ok(line.length < 5000, `terminal line of ${line.length} characters`);
      assert.match(line, /\.\.\. \(\d{6} bytes\)/);
      const lines = await logLines(log, (ls) => ls.some((l) => l.kind === 'message' && JSON.stringify(l).includes('DataTransfer')));
      const logged = lines.find((l) => l.kind === 'message' && JSON.stringify(l).includes('DataTransfer'))!;
      assert.ok(JSON.stringify(logged).length < 6000);
      assert.match(JSON.stringify(logged), /\.\.\. \(\d{6} bytes\)/);
    } finally {
      good?.ws.terminate();
      await csms.stop();
    }
  },
);

test(
  'ocppctl csms escapes identities: a newline or ESC in the URL cannot forge a log line or reach the terminal',
  { timeout: 30_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-ident-'));
    const log = join(dir, 'csms.jsonl');
    const csms = await startCsmsChild(['--log', log]);
    try {
      const evil = 'evil%0A12:00:00.000 forged%1B%5B31m%C2%9B%E2%80%AE';
      const ws = new WebSocket(`${csms.url}${evil}`, ['ocpp2.0.1']);
      ws.on('error', () => undefined);
      await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
      ws.send(
        JSON.stringify([2, 'b1', 'BootNotification', { ...BOOT, chargingStation: { model: 'M\u001b[2J', vendorName: 'V\u009b1m' } }]),
      );
      await new Promise((r) => ws.once('message', r));
      ws.close();
      await logLines(log, (ls) => ls.some((l) => l.kind === 'disconnected'));
      const out = csms.stdout();
      assert.doesNotMatch(out, /\u001b|\u009b|\u202e/, 'no ESC, CSI or bidi override reaches the terminal');
      assert.ok(!out.split('\n').some((l) => l.startsWith('12:00:00.000 forged')), 'no forged line');
      assert.ok(out.includes('evil\\n12:00:00.000 forged\\u001b[31m\\u009b\\u202e: connected'), out);
      assert.match(out, /M\\u001b\[2J/);
      const raw = readFileSync(log, 'utf8');
      assert.doesNotMatch(raw, /\u001b|\u009b|\u202e/);
      const connected = raw
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .find((l) => l.kind === 'connected');
      assert.equal(
        connected.identity,
        'evil\n12:00:00.000 forged\u001b[31m\u009b\u202e',
        'the JSON log keeps the identity exactly, escaped',
      );
    } finally {
      await csms.stop();
    }
  },
);

test(
  'ocppctl csms survives attacks below the WebSocket: junk HTTP, plain text on the TLS port, a bad upgrade, a reset mid-upgrade',
  { timeout: 60_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-http-attack-'));
    const plain = await startCsmsChild([]);
    const secure = await startCsmsChild(['--security-profile', '2', '--self-signed', join(dir, 'pki')]);
    const ca = readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8');
    const send = async (target: CsmsChild, bytes: string, reset = false) => {
      const socket = netConnect({ host: '127.0.0.1', port: Number(new URL(target.url).port) });
      socket.on('error', () => undefined);
      try {
        await new Promise((resolve, reject) => (socket.once('connect', resolve), socket.once('error', reject)));
        socket.write(bytes);
        if (reset) socket.resetAndDestroy();
        else await collectUntilClosed(socket, Buffer.alloc(0), 2000);
      } finally {
        socket.destroy();
      }
    };
    try {
      await send(plain, '\u0000\u0001garbage\r\n\r\n');
      await send(
        plain,
        'GET /cp1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 7\r\n\r\n',
      );
      await send(
        plain,
        'GET /cp1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n',
        true,
      );
      await send(secure, 'GET /cp1 HTTP/1.1\r\nHost: x\r\n\r\n');
      // over TLS, a bad upgrade after a good handshake
      const t = tlsConnect({ host: '127.0.0.1', port: Number(new URL(secure.url).port), ca, servername: 'localhost' });
      t.on('error', () => undefined);
      await new Promise((r) => t.once('secureConnect', r));
      t.write('GET /cp1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      await collectUntilClosed(t, Buffer.alloc(0), 2000);
      t.destroy();

      for (const target of [plain, secure]) {
        const good = await goodStation({ csms: target, secure: target === secure, ...(target === secure ? { ca } : {}) });
        good.ws.terminate();
        assert.equal(target.child.exitCode, null, 'csms still runs');
        assert.equal(target.stderr(), '');
      }
      assert.match(plain.stdout(), /dropped .*bad HTTP request/);
      assert.match(plain.stdout(), /refused .*HTTP 400/);
      assert.match(secure.stdout(), /refused 127\.0\.0\.1:\d+ in the TLS handshake: not a TLS handshake/);
    } finally {
      await plain.stop();
      await secure.stop();
    }
  },
);
