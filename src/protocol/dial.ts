import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, rootCertificates } from 'node:tls';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { WebSocket } from 'ws';
import { printable, shorten } from './log-text.js';
import { CLOSE_TIMEOUT_MS, DEFAULT_MAX_FRAME_BYTES, keepErrors } from './socket-errors.js';

export type DialStep = 'resolve' | 'tcp' | 'tls' | 'upgrade';

export type FailureClass =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'network'
  | 'tls-unknown-ca'
  | 'tls-hostname'
  | 'tls-expired'
  | 'tls-client-certificate-required'
  | 'tls-other'
  | 'http-401'
  | 'http-404'
  | 'http-other'
  | 'no-common-subprotocol'
  | 'protocol-error';

export interface StepReport {
  step: DialStep;
  detail: string;
  ms: number;
}

export class DialError extends Error {
  constructor(
    readonly failure: FailureClass,
    readonly step: DialStep,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'DialError';
  }
}

export interface DialOptions {
  /** final ws:// or wss:// URL, identity included */
  url: URL;
  subprotocols: string[];
  /** HTTP basic auth (security profiles 1 and 2) */
  basicAuth?: { username: string; password: string };
  /** PEM text; added to the system roots as libocpp does with UseSslDefaultVerifyPaths */
  ca?: string[];
  /** client certificate chain and key (security profile 3) */
  cert?: string;
  key?: string;
  /** InternalCtrlr.VerifyCsmsCommonName (default true): check the host name against the certificate */
  verifyHostname?: boolean;
  /** InternalCtrlr.VerifyCsmsAllowWildcards (default false): accept a wildcard certificate name */
  allowWildcards?: boolean;
  /** InternalCtrlr.UseSslDefaultVerifyPaths (default true): trust the system roots besides `ca` */
  useSystemRoots?: boolean;
  timeoutMs: number;
  /** largest WebSocket message accepted from the server; a bigger one closes the connection with 1009 */
  maxFrameBytes?: number;
  onStep?: (report: StepReport) => void;
}

export interface ServerCertificate {
  subject: string;
  issuer: string;
  subjectAltName?: string;
  validTo: Date;
}

export interface DialResult {
  /** open and paused: OcppConnection resumes it once its listeners are in place */
  socket: WebSocket;
  /** the TCP or TLS socket under it */
  transport: Socket;
  protocol: string;
  address: string;
  serverCertificate?: ServerCertificate;
}

/**
 * Opens the WebSocket one step at a time (DNS, TCP, TLS, HTTP upgrade) so that a failure names its step.
 * The socket is connected here and handed to `ws`, which then only does the upgrade.
 */
export async function dial(opts: DialOptions): Promise<DialResult> {
  const deadline = Date.now() + opts.timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const secure = opts.url.protocol === 'wss:';
  const host = opts.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(opts.url.port || (secure ? 443 : 80));
  const report = (step: DialStep, started: number, detail: string) => opts.onStep?.({ step, detail, ms: Date.now() - started });

  let t = Date.now();
  let address = host;
  if (!isIP(host)) {
    try {
      address = (
        await withTimeout(lookup(host), left(), () => new DialError('timeout', 'resolve', `resolving ${host} took longer than the timeout`))
      ).address;
    } catch (err) {
      if (err instanceof DialError) throw err;
      throw new DialError('dns', 'resolve', `cannot resolve ${host} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  report('resolve', t, isIP(host) ? `${host} is an address` : `${host} → ${address}`);

  t = Date.now();
  let socket: Socket = await tcp(address, port, left());
  report('tcp', t, `connected to ${address}:${port}`);

  let serverCertificate: ServerCertificate | undefined;
  if (secure) {
    t = Date.now();
    const tlsSocket = await handshake(socket, host, opts, left());
    const peer = tlsSocket.getPeerCertificate();
    serverCertificate = describeCertificate(peer);
    report(
      'tls',
      t,
      `${tlsSocket.getProtocol()}, server certificate ${serverCertificate.subject}, valid until ${serverCertificate.validTo.toISOString()}`,
    );
    socket = tlsSocket;
  }

  t = Date.now();
  const ws = await upgrade(socket, opts, left());
  report('upgrade', t, `HTTP 101, subprotocol ${ws.protocol}`);
  return { socket: ws, transport: socket, protocol: ws.protocol, address, ...(serverCertificate ? { serverCertificate } : {}) };
}

function tcp(address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    // kept for the socket's whole life: a reset at any later step must not throw
    keepErrors(socket);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new DialError('timeout', 'tcp', `no TCP connection to ${address}:${port} within the timeout`));
    }, timeoutMs);
    const onError = (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ECONNREFUSED') reject(new DialError('refused', 'tcp', `${address}:${port} refused the connection`));
      else reject(new DialError('network', 'tcp', `cannot reach ${address}:${port} (${err.code ?? err.message})`));
    };
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    socket.once('error', onError);
  });
}

function handshake(socket: Socket, host: string, opts: DialOptions, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tlsSocket = tlsConnect({
      socket,
      // SNI takes host names only; an IP address is still checked against the certificate's IP SANs below
      ...(isIP(host) ? {} : { servername: host }),
      // without a bundle of our own the system roots are all there is, whatever UseSslDefaultVerifyPaths says
      ...(opts.ca ? { ca: opts.useSystemRoots === false ? opts.ca : [...rootCertificates, ...opts.ca] } : {}),
      ...(opts.cert ? { cert: opts.cert } : {}),
      ...(opts.key ? { key: opts.key } : {}),
      rejectUnauthorized: true,
      checkServerIdentity: (_name, cert) => checkHost(host, cert, opts),
    });
    keepErrors(tlsSocket);
    const timer = setTimeout(() => {
      tlsSocket.destroy();
      reject(new DialError('timeout', 'tls', 'the TLS handshake did not finish within the timeout'));
    }, timeoutMs);
    const onError = (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(classifyTlsError(err));
    };
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer);
      tlsSocket.off('error', onError);
      resolve(tlsSocket);
    });
    tlsSocket.once('error', onError);
  });
}

/**
 * libocpp checks the host name itself with X509_check_host when VerifyCsmsCommonName is true, and passes
 * X509_CHECK_FLAG_NO_WILDCARDS unless VerifyCsmsAllowWildcards is true; Node's check allows wildcards.
 */
export function checkHost(
  host: string,
  cert: PeerCertificate,
  opts: Pick<DialOptions, 'verifyHostname' | 'allowWildcards'>,
): Error | undefined {
  if (opts.verifyHostname === false) return undefined;
  const err = checkServerIdentity(host, cert);
  if (err || opts.allowWildcards || isIP(host)) return err;
  const names = (cert.subjectaltname ?? '')
    .split(', ')
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4).toLowerCase());
  const exact = names.length ? names.includes(host.toLowerCase()) : String(cert.subject?.CN ?? '').toLowerCase() === host.toLowerCase();
  if (exact) return undefined;
  return Object.assign(new Error(`${host} matches the certificate only through a wildcard name, and VerifyCsmsAllowWildcards is false`), {
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
  });
}

export function classifyTlsError(err: NodeJS.ErrnoException): DialError {
  const code = err.code ?? '';
  if (
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'UNABLE_TO_GET_ISSUER_CERT',
      'CERT_SIGNATURE_FAILURE',
    ].includes(code)
  )
    return new DialError('tls-unknown-ca', 'tls', `the server certificate is not signed by a trusted CA (${code})`);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new DialError('tls-hostname', 'tls', `the server certificate does not name this host (${err.message})`);
  if (code === 'CERT_HAS_EXPIRED') return new DialError('tls-expired', 'tls', 'the server certificate has expired');
  if (code === 'CERT_NOT_YET_VALID')
    return new DialError('tls-expired', 'tls', 'the server certificate is not valid yet (check the clock)');
  if (/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN/.test(code))
    return new DialError('tls-client-certificate-required', 'tls', `the server refused our client certificate or wants one (${code})`);
  return new DialError('tls-other', 'tls', `TLS failed (${code || err.message})`);
}

function upgrade(socket: Socket, opts: DialOptions, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.basicAuth)
      headers.Authorization = `Basic ${Buffer.from(`${opts.basicAuth.username}:${opts.basicAuth.password}`).toString('base64')}`;
    const ws = new WebSocket(opts.url.href, opts.subprotocols, {
      headers,
      handshakeTimeout: timeoutMs,
      createConnection: () => socket,
      perMessageDeflate: false,
      // ws checks the length in the frame header, so an oversized message is refused before it is buffered
      maxPayload: opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
      // closeTimeout is missing from @types/ws 8.18; a CSMS that never answers our close frame is dropped after it
      ...({ closeTimeout: CLOSE_TIMEOUT_MS } as object),
    });
    let settled = false;
    // ws's handshakeTimeout only reaches sockets it creates itself; ours is handed in already connected
    const timer = setTimeout(
      () => fail(new DialError('timeout', 'upgrade', 'the WebSocket upgrade did not finish within the timeout')),
      timeoutMs,
    );
    const fail = (err: DialError) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(err);
    };
    ws.once('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      const failure = status === 401 ? 'http-401' : status === 404 ? 'http-404' : 'http-other';
      fail(
        new DialError(
          failure,
          'upgrade',
          `the server answered the WebSocket upgrade with HTTP ${status} ${printable(shorten(res.statusMessage ?? '', 200))}`.trim(),
          status,
        ),
      );
    });
    const onError = (err: NodeJS.ErrnoException) => {
      if (/subprotocol/i.test(err.message))
        return fail(
          new DialError(
            'no-common-subprotocol',
            'upgrade',
            `the server accepted none of the offered subprotocols (${opts.subprotocols.join(', ')})`,
          ),
        );
      if (/timed out/i.test(err.message))
        return fail(new DialError('timeout', 'upgrade', 'the WebSocket upgrade did not finish within the timeout'));
      if (err.code && /^ERR_SSL|CERT/.test(err.code)) return fail(classifyTlsError(err));
      if (err.code === 'ECONNRESET' && opts.url.protocol === 'wss:' && !opts.cert)
        return fail(
          new DialError(
            'tls-client-certificate-required',
            'tls',
            'the server closed the TLS connection; it probably requires a client certificate',
          ),
        );
      // Node's HTTP parser (HPE_*) or ws's checks of the 101 answer (Sec-WebSocket-Accept, Upgrade, extensions)
      if (err.code?.startsWith('HPE_') || /^(Invalid|Missing|Server sent|Server indicated)/.test(err.message))
        return fail(
          new DialError(
            'protocol-error',
            'upgrade',
            `the answer to the WebSocket upgrade is not valid HTTP/WebSocket (${printable(err.code?.startsWith('HPE_') ? err.code : err.message)})`,
          ),
        );
      fail(new DialError('network', 'upgrade', `the WebSocket upgrade failed (${err.code ?? err.message})`));
    };
    ws.once('error', onError);
    ws.once('open', () => {
      clearTimeout(timer);
      settled = true;
      ws.off('error', onError);
      keepErrors(ws);
      // bytes that came with the 101 are parsed on the next tick; until OcppConnection listens they must wait
      ws.pause();
      resolve(ws);
    });
  });
}

function describeCertificate(peer: PeerCertificate): ServerCertificate {
  const name = (x: Record<string, string | string[]> | undefined) =>
    x
      ? Object.entries(x)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
          .join(', ')
      : '(none)';
  return {
    subject: name(peer.subject as unknown as Record<string, string>),
    issuer: name(peer.issuer as unknown as Record<string, string>),
    ...(peer.subjectaltname ? { subjectAltName: peer.subjectaltname } : {}),
    validTo: new Date(peer.valid_to),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes p's own rejection on unchanged
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
