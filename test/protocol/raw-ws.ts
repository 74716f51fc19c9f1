import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';

// Hand-made WebSocket frames (RFC 6455 §5.2), for peers that break the protocol on purpose.

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const acceptKey = (key: string) =>
  createHash('sha1')
    .update(key + GUID)
    .digest('base64');

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** RSV1..3 as bits 4..6 of the first byte: 0x40, 0x20, 0x10 */
  rsv?: number;
  /** clients must mask, servers must not */
  mask?: boolean;
  /** length written in the header instead of the payload's, for frames announced bigger than sent */
  announce?: bigint;
}

export function frame(f: FrameSpec): Buffer {
  const payload = typeof f.payload === 'string' ? Buffer.from(f.payload) : (f.payload ?? Buffer.alloc(0));
  const length = f.announce ?? BigInt(payload.length);
  const head = [((f.fin ?? true) ? 0x80 : 0) | (f.rsv ?? 0) | f.opcode];
  const maskBit = f.mask ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  if (!f.mask) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), ext, key, masked]);
}

export const closePayload = (code: number, reason = '') => {
  const b = Buffer.alloc(2 + Buffer.byteLength(reason));
  b.writeUInt16BE(code);
  b.write(reason, 2);
  return b;
};

export interface ParsedFrame {
  opcode: number;
  payload: Buffer;
  /** bytes used from the buffer */
  size: number;
}

/** The first whole frame in `buf` (masked or not), or undefined while it is incomplete. */
export function parseFrame(buf: Buffer): ParsedFrame | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let len = buf[1] & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const key = masked ? buf.subarray(at, at + 4) : undefined;
  if (masked) at += 4;
  if (buf.length < at + len) return undefined;
  const raw = buf.subarray(at, at + len);
  const payload = key ? Buffer.from(raw.map((b, i) => b ^ key[i % 4])) : Buffer.from(raw);
  return { opcode, payload, size: at + len };
}

/** The close code of the first close frame among the frames in `buf` (after the HTTP answer), if any. */
export function closeCodeIn(buf: Buffer): number | undefined {
  let rest = buf;
  for (let i = 0; i < 100; i++) {
    const f = parseFrame(rest);
    if (!f) return undefined;
    if (f.opcode === 0x8) return f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
    rest = rest.subarray(f.size);
  }
  return undefined;
}

/** Sends a client upgrade request on a connected socket and resolves with what follows the 101 answer. */
export function upgradeAsClient(socket: Socket, path: string, headers: Record<string, string> = {}): Promise<Buffer> {
  const key = randomBytes(16).toString('base64');
  const extra = Object.entries({ 'Sec-WebSocket-Protocol': 'ocpp2.0.1', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
  );
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const head = got.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
      resolve(got.subarray(end + 4));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Collects everything a socket receives until it closes or `ms` pass. */
export function collectUntilClosed(socket: Socket, first: Buffer, ms: number): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    let data = first;
    const timer = setTimeout(() => done(false), ms);
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve({ data, closed });
    };
    const onData = (d: Buffer) => (data = Buffer.concat([data, d]));
    socket.on('data', onData);
    socket.once('close', () => done(true));
    socket.on('error', () => undefined);
  });
}
