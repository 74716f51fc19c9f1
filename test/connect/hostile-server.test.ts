import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { makeTestPki } from '../../src/csms/index.js';
import type { TestPki } from '../../src/csms/index.js';
import { BIN } from '../support/paths.js';
import { acceptKey, frame, parseFrame } from '../protocol/raw-ws.js';
import { writeStationConfig } from './station-config.js';

const PASSWORD = 'sixteen-chars-pw!';

/** What a hostile server does once the station's upgrade request is in. */
interface Peer {
  socket: Socket;
  key: string;
  /** a correct 101 answer */
  accept: () => void;
  /** the next frame the station sends (its BootNotification first), unmasked */
  next: () => Promise<{ opcode: number; text: string }>;
}

async function hostileServer(
  behave: (p: Peer) => void | Promise<void>,
  tls?: TestPki,
): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const onSocket = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let waiting: (() => void) | undefined;
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      waiting?.();
    });
    const more = () => new Promise<void>((r) => (waiting = r));
    void (async () => {
      for (let i = 0; i < 100 && buf.indexOf('\r\n\r\n') < 0; i++) await more();
      const end = buf.indexOf('\r\n\r\n');
      const head = buf.subarray(0, end).toString();
      buf = buf.subarray(end + 4);
      const key = /sec-websocket-key: *(\S+)/i.exec(head)?.[1] ?? '';
      const protocol = (/sec-websocket-protocol: *([^\r,]+)/i.exec(head)?.[1] ?? 'ocpp2.0.1').trim();
      const peer: Peer = {
        socket,
        key,
        accept: () =>
          socket.write(
            `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
          ),
        next: async () => {
          for (let i = 0; i < 100; i++) {
            const f = parseFrame(buf);
            if (f) {
              buf = buf.subarray(f.size);
              return { opcode: f.opcode, text: f.payload.toString() };
            }
            await more();
          }
          throw new Error('no frame from the station');
        },
      };
      await behave(peer);
    })().catch(() => socket.destroy());
  };
  const server: Server = tls
    ? createTlsServer({ cert: tls.server.cert + tls.ca.cert, key: tls.server.key }, onSocket)
    : createNetServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return { url: `${tls ? 'wss://localhost' : 'ws://127.0.0.1'}:${port}/`, close };
}

function runConnect(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'connect', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  // bounded: a hung connect is killed and then fails the test on its exit code
  const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

let pki: TestPki;
let caFile: string;
before(async () => {
  pki = await makeTestPki('cp001');
  caFile = join(mkdtempSync(join(tmpdir(), 'ocppctl-hostile-')), 'ca.pem');
  writeFileSync(caFile, pki.ca.cert);
});

const callId = (text: string) => (JSON.parse(text) as unknown[])[1] as string;

interface Case {
  name: string;
  failure: string;
  step?: string;
  tls?: boolean;
  behave: (p: Peer) => void | Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'answers the upgrade with junk',
    failure: 'protocol-error',
    step: 'upgrade',
    behave: (p) => void p.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'),
  },
  {
    name: 'answers 101 with a wrong Sec-WebSocket-Accept',
    failure: 'protocol-error',
    step: 'upgrade',
    behave: (p) =>
      void p.socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n',
      ),
  },
  {
    name: 'resets the TCP connection during the upgrade',
    failure: 'network',
    step: 'upgrade',
    behave: (p) => void p.socket.resetAndDestroy(),
  },
  {
    name: 'sends garbage bytes right after the upgrade',
    failure: 'protocol-error',
    behave: (p) => {
      p.accept();
      p.socket.write('HELLO, THIS IS NOT A FRAME\r\n');
    },
  },
  {
    name: 'sends a frame with RSV1 set',
    failure: 'protocol-error',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(frame({ opcode: 1, rsv: 0x40, payload: '[]' }));
    },
  },
  {
    name: 'sends a text frame with invalid UTF-8',
    failure: 'protocol-error',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(frame({ opcode: 1, payload: Buffer.from([0x5b, 0xc3, 0x28, 0x5d]) }));
    },
  },
  {
    name: 'sends a masked frame (servers must not mask)',
    failure: 'protocol-error',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(frame({ opcode: 1, payload: '[]', mask: true }));
    },
  },
  {
    name: 'announces a 2 MiB frame (over --max-frame)',
    failure: 'protocol-error',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(frame({ opcode: 1, announce: 2n * 1024n * 1024n, payload: Buffer.alloc(1024, 0x61) }));
    },
  },
  {
    name: 'closes in the middle of a frame',
    failure: 'closed',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.end(frame({ opcode: 1, announce: 100n, payload: '[3,"' }));
    },
  },
  {
    name: 'resets the TCP connection after the upgrade',
    failure: 'closed',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.resetAndDestroy();
    },
  },
  {
    name: 'answers the boot with text that is not JSON',
    failure: 'bad-answer',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(frame({ opcode: 1, payload: 'hello' }));
    },
  },
  {
    name: 'answers the boot with a binary frame',
    failure: 'bad-answer',
    behave: async (p) => {
      p.accept();
      const boot = await p.next();
      p.socket.write(
        frame({
          opcode: 2,
          payload: JSON.stringify([3, callId(boot.text), { status: 'Accepted', interval: 300, currentTime: new Date().toISOString() }]),
        }),
      );
    },
  },
  {
    name: 'answers the boot with another message id',
    failure: 'bad-answer',
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(
        frame({
          opcode: 1,
          payload: JSON.stringify([3, 'not-the-boot-id', { status: 'Accepted', interval: 300, currentTime: new Date().toISOString() }]),
        }),
      );
    },
  },
  {
    name: 'answers the boot with a CALLERROR of the wrong shape',
    failure: 'bad-answer',
    behave: async (p) => {
      p.accept();
      const boot = await p.next();
      p.socket.write(frame({ opcode: 1, payload: JSON.stringify([4, callId(boot.text), 'GenericError']) }));
    },
  },
  {
    name: 'sends a bad frame over TLS',
    failure: 'protocol-error',
    tls: true,
    behave: async (p) => {
      p.accept();
      await p.next();
      p.socket.write(frame({ opcode: 0xb, payload: 'x' }));
    },
  },
];

for (const c of CASES) {
  test(`connect against a server that ${c.name}: ${c.failure}, exit 1, no stack trace`, { timeout: 45_000 }, async () => {
    const { url, close } = await hostileServer(c.behave, c.tls ? pki : undefined);
    try {
      // MessageTimeout 60 s: waiting for an answer instead of classifying it would blow the bound below
      const config = writeStationConfig(
        c.tls
          ? { url, securityProfile: 2, securityPassword: PASSWORD, messageTimeout: 60 }
          : { url, securityProfile: 0, messageTimeout: 60 },
      );
      const r = await runConnect(['--config', config, '--timeout', '20', '--json', ...(c.tls ? ['--ca', caFile] : [])]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(r.stderr, '', 'nothing on stderr, above all no stack trace');
      const out = JSON.parse(r.stdout) as { results: { failure: { class: string; step: string; hint: string; message: string } }[] };
      const failure = out.results[0].failure;
      assert.equal(failure.class, c.failure, failure.message);
      if (c.step) assert.equal(failure.step, c.step);
      assert.ok(failure.hint.length > 0);
      assert.ok(r.ms < 10_000, `classified after ${r.ms} ms, not after a timeout`);
    } finally {
      await close();
    }
  });
}

test('the readable output names protocol-error and its hint', { timeout: 45_000 }, async () => {
  const { url, close } = await hostileServer((p) => {
    p.accept();
    p.socket.write(frame({ opcode: 1, rsv: 0x20, payload: '[]' }));
  });
  try {
    const r = await runConnect(['--config', writeStationConfig({ url, securityProfile: 0 }), '--timeout', '10']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.match(
      r.stdout,
      /✗ boot +the peer sent a frame that breaks the WebSocket protocol \(Invalid WebSocket frame: RSV2 and RSV3 must be clear\); closed with 1002/,
    );
    assert.match(r.stdout, /hint: the server broke the WebSocket protocol/);
    assert.match(r.stdout, /failed: protocol-error/);
  } finally {
    await close();
  }
});

test(
  '--timeout bounds a CSMS that accepts the upgrade and never answers, although MessageTimeout is 60 s',
  { timeout: 45_000 },
  async () => {
    const { url, close } = await hostileServer((p) => p.accept());
    try {
      const r = await runConnect([
        '--config',
        writeStationConfig({ url, securityProfile: 0, messageTimeout: 60 }),
        '--timeout',
        '2',
        '--json',
      ]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const failure = (JSON.parse(r.stdout) as { results: { failure: { class: string; hint: string } }[] }).results[0].failure;
      assert.equal(failure.class, 'call-timeout');
      assert.match(failure.hint, /--timeout/);
      // 2 s, plus the start of node, plus the close handshake a silent server never answers (2 s at most)
      assert.ok(r.ms < 2000 + 5000, `ended after ${r.ms} ms`);
      assert.ok(r.ms >= 2000, `ended after ${r.ms} ms, before the timeout`);
    } finally {
      await close();
    }
  },
);

test('--max-frame on connect: a CSMS message over the limit is a protocol-error (1009)', { timeout: 45_000 }, async () => {
  const { url, close } = await hostileServer(async (p) => {
    p.accept();
    const boot = await p.next();
    p.socket.write(
      frame({
        opcode: 1,
        payload: JSON.stringify([
          3,
          callId(boot.text),
          { status: 'Accepted', interval: 300, currentTime: new Date().toISOString(), pad: 'x'.repeat(3000) },
        ]),
      }),
    );
  });
  try {
    const r = await runConnect([
      '--config',
      writeStationConfig({ url, securityProfile: 0 }),
      '--timeout',
      '10',
      '--max-frame',
      '2000',
      '--json',
    ]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const failure = (JSON.parse(r.stdout) as { results: { failure: { class: string; message: string } }[] }).results[0].failure;
    assert.equal(failure.class, 'protocol-error');
    assert.match(failure.message, /1009/);
  } finally {
    await close();
  }
});

test(
  'text from the CSMS reaches the terminal escaped: a CALLERROR description with a newline and ESC cannot forge a line',
  { timeout: 45_000 },
  async () => {
    const { url, close } = await hostileServer(async (p) => {
      p.accept();
      const boot = await p.next();
      p.socket.write(
        frame({
          opcode: 1,
          payload: JSON.stringify([4, callId(boot.text), 'GenericError', 'no\n  ✓ boot      Accepted\u001b[2J\u009b31m', {}]),
        }),
      );
    });
    try {
      const r = await runConnect(['--config', writeStationConfig({ url, securityProfile: 0 }), '--timeout', '10', '--verbose']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /\u001b|\u009b/);
      assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('  ✓ boot')), 'no forged check line');
      assert.match(r.stdout, /✗ boot +the CSMS answered GenericError: no\\n {2}✓ boot {6}Accepted\\u001b\[2J\\u009b31m/);
    } finally {
      await close();
    }
  },
);
