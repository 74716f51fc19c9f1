import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { OcppConnection, loadSchemas, subprotocolOf, versionOfSubprotocol } from '../protocol/index.js';
import { CLOSE_TIMEOUT_MS, DEFAULT_MAX_FRAME_BYTES, keepErrors } from '../protocol/socket-errors.js';
import type { LoggedMessage, MessageSchemas, OcppVersion } from '../protocol/index.js';
import { minimalResponses } from './responses.js';
import { answerEvCertificate } from './ev-certificate.js';
import { minimalResponses16 } from './responses16.js';
import type { KeyPair } from './test-pki.js';
import { countReport, plural } from './log.js';
import type { ReportCount } from './log.js';

const PROBE_REQUEST_ID = 1;
const MAX_COUNTED_COMPONENTS = 100_000;

export type BootAnswer = 'accepted' | 'pending' | 'rejected';
export type Probe = 'get-base-report' | 'get-variables' | 'install-v2g-root';

export interface CsmsOptions {
  host: string;
  /** 0 picks a free port */
  port: number;
  securityProfile: 0 | 1 | 2 | 3;
  /** PEM server certificate chain and key, for profiles 2 and 3 */
  tlsCert?: string;
  tlsKey?: string;
  /** PEM CA that signs accepted client certificates, profile 3 */
  clientCa?: string;
  /** profiles 1 and 2: the password every station must send; without it any password is accepted */
  password?: string;
  /** versions offered, most preferred first */
  versions: OcppVersion[];
  boot: BootAnswer;
  heartbeatInterval: number;
  /** seconds a Pending station waits before its retry is Accepted */
  pendingInterval: number;
  probe?: Probe;
  /** The CA that signs stations' CSRs (SignCertificate → CertificateSigned) and that install-v2g-root installs. */
  signingCa?: KeyPair;
  /** Base64 EXI CertificateInstallationRes answered, Accepted, to Get15118EVCertificate; without it the answer is Failed. */
  evCertificateResponse?: string;
  messageTimeoutMs?: number;
  /** largest WebSocket message accepted from a station (default 1 MiB); a bigger one closes it with 1009 */
  maxFrameBytes?: number;
  onEvent?: (event: CsmsEvent) => void;
}

export type CsmsEvent =
  | { kind: 'listening'; url: string }
  | { kind: 'connected'; identity: string; protocol: string; remote: string; clientCertificate?: string }
  | { kind: 'refused'; identity: string; remote: string; status: number; reason: string }
  | { kind: 'message'; identity: string; message: LoggedMessage }
  | { kind: 'probe'; identity: string; probe: Probe; outcome: string }
  /** a CSR signed (or not) and the CertificateSigned answer of the station */
  | { kind: 'certificate'; identity: string; outcome: string }
  | { kind: 'disconnected'; identity: string; code: number; error?: string }
  /** a TLS connection refused or given up before any HTTP request: no or unknown client certificate, a station that distrusts ours */
  | { kind: 'tls-failed'; remote: string; reason: string; code?: string }
  /** a connection that failed below the WebSocket: bad HTTP, reset during the upgrade */
  | { kind: 'dropped'; remote: string; reason: string; identity?: string };

export interface Csms {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startCsms(opts: CsmsOptions): Promise<Csms> {
  const emit = (e: CsmsEvent) => opts.onEvent?.(e);
  // loaded before listening: a station may send its BootNotification in the same packet as the upgrade completes
  const schemas = new Map(await Promise.all(opts.versions.map(async (v) => [v, await loadSchemas(v)] as const)));
  const secure = opts.securityProfile >= 2;
  const server: Server = secure
    ? createHttpsServer({
        cert: opts.tlsCert,
        key: opts.tlsKey,
        ...(opts.securityProfile === 3 ? { requestCert: true, rejectUnauthorized: true, ca: opts.clientCa } : {}),
      })
    : createHttpServer();
  const remoteOf = (s: Socket) => `${s.remoteAddress ?? '?'}:${s.remotePort ?? '?'}`;
  // Each of these would otherwise end the process (an 'error' event without listener throws) or vanish unlogged.
  server.on('error', (err: NodeJS.ErrnoException) =>
    emit({ kind: 'dropped', remote: '-', reason: `the server socket failed (${err.code ?? err.message})` }),
  );
  // https passes each 'tlsClientError' on as 'clientError' too; a failed handshake is logged once, as such
  const handshakes = secure ? watchHandshakes(server, remoteOf, emit) : undefined;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // logged by the 'tlsClientError' listener, or (an alert after the handshake) explained here
    if (handshakes?.explains(err, socket)) return void socket.destroy();
    emit({ kind: 'dropped', remote: remoteOf(socket), reason: `bad HTTP request (${err.code ?? err.message})` });
    if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('request', (_req, res) => res.writeHead(426, { 'Content-Type': 'text/plain' }).end('OCPP-J needs a WebSocket upgrade\n'));

  const offered = opts.versions.map(subprotocolOf);
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // ws reads the length from the frame header and refuses before buffering: 5 parallel 100 MiB frames cost nothing
    maxPayload: opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    // a peer that never answers our close frame (after a bad frame) is dropped after this, not after 30 s
    // (closeTimeout is missing from @types/ws 8.18)
    ...({ closeTimeout: CLOSE_TIMEOUT_MS } as object),
    // the station lists its versions in its order of preference; take the first one we serve
    handleProtocols: (protocols) => [...protocols].find((p) => offered.includes(p)) ?? false,
  });
  // 1.6 StartTransaction answers: one sequence for the whole CSMS, so two stations never share an id
  let transactions = 0;
  const nextTransactionId = () => ++transactions;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });

  wss.on('wsClientError', (err, socket: Socket, req) => {
    emit({
      kind: 'refused',
      identity: identityOf(req.url ?? '/'),
      remote: remoteOf(socket),
      status: 400,
      reason: `bad WebSocket upgrade (${err.message})`,
    });
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const remote = remoteOf(socket);
    const identity = identityOf(req.url ?? '/');
    // Node's HTTP server takes its own error listener off an upgraded socket; until ws adds one, ours is all there is
    keepErrors(socket);
    // set once a line about this connection is out: a refusal, or the upgrade (its close is logged later)
    let logged = false;
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (!logged)
        emit({ kind: 'dropped', remote, identity, reason: `the connection failed during the upgrade (${err.code ?? err.message})` });
    });
    const refuse = (status: number, reason: string) => {
      logged = true;
      emit({ kind: 'refused', identity, remote, status, reason });
      const extra = status === 401 ? 'WWW-Authenticate: Basic realm="ocppctl csms"\r\n' : '';
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Bad Request'}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    };
    if (!identity) return refuse(404, 'the URL has no charging station identity as its last path segment');
    if (opts.securityProfile === 1 || opts.securityProfile === 2) {
      const problem = checkBasicAuth(req.headers.authorization, identity, opts.password);
      if (problem) return refuse(401, problem);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      logged = true;
      keepErrors(ws);
      const protocol = ws.protocol;
      const version = versionOfSubprotocol(protocol);
      if (!version) {
        // ws completed the upgrade without a subprotocol; OCPP-J requires closing it (part 4 §3.1.2)
        emit({
          kind: 'refused',
          identity,
          remote,
          status: 101,
          reason: `no common subprotocol (station offered ${req.headers['sec-websocket-protocol'] ?? 'none'})`,
        });
        ws.close(1002, 'no common OCPP version');
        return;
      }
      const cert = opts.securityProfile === 3 ? (socket as TLSSocket).getPeerCertificate?.()?.subject?.CN : undefined;
      emit({ kind: 'connected', identity, protocol, remote, ...(cert ? { clientCertificate: `CN=${String(cert)}` } : {}) });
      serveStation(ws, socket, identity, version, schemas.get(version)!, opts, emit, nextTransactionId);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `${secure ? 'wss' : 'ws'}://${host}:${port}/`;
  emit({ kind: 'listening', url });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

// Node reports a failed handshake through 'tlsClientError' on a TLS socket that is often already destroyed, its
// peer address gone: a client certificate is checked after OpenSSL's handshake, and a station that distrusts our
// certificate just closes. The raw TCP socket closes first (the TLS socket's error follows on a later tick), so each
// raw socket that closes before its handshake finished waits in this queue for the error it explains.
function watchHandshakes(server: Server, remoteOf: (s: Socket) => string, emit: (e: CsmsEvent) => void) {
  const closedUnexplained: string[] = [];
  const reported = new Set<string>();
  const secured = new Set<string>();
  const finished = new WeakSet<Socket>();
  const asked = new WeakSet<Socket>();
  server.on('connection', (raw: Socket) => {
    const remote = remoteOf(raw);
    raw.once('close', () => {
      if (reported.delete(remote) || secured.delete(remote)) return;
      closedUnexplained.push(remote);
      // an error for it comes on the next tick at the latest
      setImmediate(() => {
        const at = closedUnexplained.indexOf(remote);
        if (at >= 0) closedUnexplained.splice(at, 1);
      });
    });
  });
  server.on('secureConnection', (tls: TLSSocket) => {
    const remote = remoteOf(tls);
    secured.add(remote);
    finished.add(tls);
    // a station that distrusts our certificate after TLS 1.3 finished (as Node does), or one that checks the host
    // name only then, leaves without a request
    tls.once('close', () => {
      if (!asked.has(tls))
        emit({
          kind: 'tls-failed',
          remote,
          reason:
            'the station closed the connection after the TLS handshake without a request (does it trust this CA, and is the host name it dialled in the server certificate?)',
        });
    });
  });
  const markAsked = (req: IncomingMessage) => asked.add(req.socket);
  server.on('request', markAsked);
  server.on('upgrade', markAsked);
  // before https's own listener, which passes the error on as 'clientError'
  server.prependListener('tlsClientError', (err: NodeJS.ErrnoException, tls: TLSSocket) => {
    let remote: string;
    if (tls.remoteAddress) {
      remote = remoteOf(tls);
      reported.add(remote);
    } else remote = closedUnexplained.shift() ?? '?';
    emit({ kind: 'tls-failed', remote, reason: handshakeProblem(err, tls), ...(err.code ? { code: err.code } : {}) });
  });
  return {
    explains(err: NodeJS.ErrnoException, socket: Socket): boolean {
      if (!finished.has(socket)) return true;
      if (!err.code?.startsWith('ERR_SSL') || asked.has(socket)) return false;
      asked.add(socket);
      emit({ kind: 'tls-failed', remote: remoteOf(socket), reason: handshakeProblem(err, socket as TLSSocket), code: err.code });
      return true;
    },
  };
}

const PEER_ALERTS: Record<string, string> = {
  UNKNOWN_CA: 'the station does not trust our server certificate (alert unknown CA): give it the CA that signed it',
  BAD_CERTIFICATE: 'the station refused our server certificate (alert bad certificate: often a host name or address it does not name)',
  CERTIFICATE_UNKNOWN: 'the station refused our server certificate (alert certificate unknown)',
  CERTIFICATE_EXPIRED: 'the station says our server certificate has expired (or its clock is wrong)',
  UNSUPPORTED_CERTIFICATE: 'the station refused our server certificate (alert unsupported certificate)',
  PROTOCOL_VERSION: 'no TLS version both sides accept',
  HANDSHAKE_FAILURE: 'no TLS version or cipher both sides accept',
};

function handshakeProblem(err: NodeJS.ErrnoException, tls: TLSSocket): string {
  const code = err.code ?? '';
  if (code === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE')
    return 'the station sent no client certificate (security profile 3 needs one signed by the client CA)';
  // set when Node refused the client certificate after OpenSSL's handshake
  const refusedCert = tls.authorizationError as string | Error | null | undefined;
  if (refusedCert) {
    const why = String(refusedCert instanceof Error ? ((refusedCert as NodeJS.ErrnoException).code ?? refusedCert.message) : refusedCert);
    if (why === 'CERT_HAS_EXPIRED') return "the station's client certificate has expired (CERT_HAS_EXPIRED)";
    if (why === 'CERT_NOT_YET_VALID') return "the station's client certificate is not valid yet (CERT_NOT_YET_VALID; check the clocks)";
    return `the station's client certificate is not signed by the client CA (${why})`;
  }
  const alert = /ALERT_(\w+)$/.exec(code)?.[1];
  if (alert) return `${PEER_ALERTS[alert] ?? `the station ended the handshake (alert ${alert.toLowerCase().replace(/_/g, ' ')})`}`;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_HTTP_REQUEST')
    return 'not a TLS handshake (a ws:// station on this wss:// port?)';
  if (code === 'ERR_SSL_NO_SHARED_CIPHER' || code === 'ERR_SSL_UNSUPPORTED_PROTOCOL') return 'no TLS version or cipher both sides accept';
  if (code === 'ECONNRESET')
    return 'the station closed the connection during the TLS handshake (does it trust this CA, and is the host name it dialled in the server certificate?)';
  return `TLS handshake failed (${code || err.message})`;
}

function identityOf(path: string): string {
  const clean = path.split('?')[0];
  const last = clean.slice(clean.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

// OCPP 2.0.1 part 2 A00.FR.2xx: the basic-auth user name is the charging station identity
function checkBasicAuth(header: string | undefined, identity: string, password: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return 'no HTTP basic authentication header (security profiles 1 and 2 need one)';
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'the basic authentication header is malformed';
  const user = decoded.slice(0, colon);
  if (user !== identity) return `basic auth user "${user}" is not the identity in the URL ("${identity}")`;
  if (password !== undefined) {
    const given = Buffer.from(decoded.slice(colon + 1));
    const want = Buffer.from(password);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return 'wrong password';
  }
  return undefined;
}

function serveStation(
  ws: import('ws').WebSocket,
  transport: Socket,
  identity: string,
  version: OcppVersion,
  schemas: MessageSchemas,
  opts: CsmsOptions,
  emit: (e: CsmsEvent) => void,
  nextTransactionId: () => number,
) {
  const conn = new OcppConnection(ws, {
    version,
    schemas,
    transport,
    callTimeoutMs: opts.messageTimeoutMs ?? 30_000,
    // without a listener the connection skips redacting and copying every frame
    ...(opts.onEvent ? { onMessage: (message: LoggedMessage) => emit({ kind: 'message', identity, message }) } : {}),
  });
  const responses = version === '1.6' ? minimalResponses16(nextTransactionId) : minimalResponses;
  for (const [action, make] of Object.entries(responses)) if (schemas.has(action)) conn.handle(action, (payload) => make(payload));
  if (opts.probe === 'get-base-report') {
    // the answer to our GetBaseReport arrives in parts: one line once the last is in (counts only, so a station
    // that never sends the last part costs a bounded set of component names)
    let parts: { first: number; last: number; count: ReportCount } | undefined;
    conn.handle('NotifyReport', (payload) => {
      if (payload.requestId === PROBE_REQUEST_ID) {
        const seq = Number(payload.seqNo);
        parts ??= { first: seq, last: seq, count: { variables: 0, components: new Set() } };
        parts.first = Math.min(parts.first, seq);
        parts.last = Math.max(parts.last, seq);
        if (parts.count.components.size < MAX_COUNTED_COMPONENTS) countReport(payload, parts.count);
        if (payload.tbc !== true) {
          const range = parts.first === parts.last ? `${parts.first}` : `${parts.first}..${parts.last}`;
          const { variables, components } = parts.count;
          emit({
            kind: 'probe',
            identity,
            probe: 'get-base-report',
            outcome: `NotifyReport seq ${range}: ${plural(variables, 'variable')} in ${plural(components.size, 'component')}`,
          });
          parts = undefined;
        }
      }
      return {};
    });
  }
  if (schemas.has('Get15118EVCertificate'))
    conn.handle('Get15118EVCertificate', (payload) => {
      const { response, outcome } = answerEvCertificate(payload, opts.evCertificateResponse);
      emit({ kind: 'certificate', identity, outcome });
      return response;
    });
  if (opts.signingCa) {
    const ca = opts.signingCa;
    conn.handle('SignCertificate', (payload) => {
      // 1.6 (security extension) signs only the station's own certificate and names no type
      const use = payload.certificateType === 'V2GCertificate' ? 'V2GCertificate' : 'ChargingStationCertificate';
      // after the Accepted is on the wire: CertificateSigned is a CALL of its own
      setImmediate(() => void signAndSend(conn, identity, String(payload.csr), use, ca, emit));
      return { status: 'Accepted' };
    });
  }
  let boots = 0;
  let probed = false;
  conn.handle('BootNotification', () => {
    boots += 1;
    const status = opts.boot === 'rejected' ? 'Rejected' : opts.boot === 'pending' && boots === 1 ? 'Pending' : 'Accepted';
    const interval = status === 'Accepted' ? opts.heartbeatInterval : opts.pendingInterval;
    if (opts.probe && !probed && status !== 'Rejected') {
      probed = true;
      // after the response is on the wire: the probe is a CALL of its own
      setImmediate(() => void probe(conn, identity, opts.probe!, emit, opts.signingCa));
    }
    return { currentTime: new Date().toISOString(), interval, status };
  });
  // one line per connection, also when a bad frame or a reset ended it
  void conn.closed.then((closed) => {
    const error = closed.protocolError ?? closed.transportError;
    emit({ kind: 'disconnected', identity, code: closed.code, ...(error ? { error } : {}) });
  });
}

async function signAndSend(
  conn: OcppConnection,
  identity: string,
  csr: string,
  use: 'V2GCertificate' | 'ChargingStationCertificate',
  ca: KeyPair,
  emit: (e: CsmsEvent) => void,
) {
  let chain: string;
  try {
    const { signCsr } = await import('./sign-csr.js');
    chain = await signCsr(csr, ca, use);
  } catch (err) {
    return emit({ kind: 'certificate', identity, outcome: `${use} CSR not signed: ${(err as Error).message}` });
  }
  try {
    const res = await conn.call(
      'CertificateSigned',
      conn.version === '1.6' ? { certificateChain: chain } : { certificateChain: chain, certificateType: use },
    );
    emit({ kind: 'certificate', identity, outcome: `signed the ${use} CSR; CertificateSigned ${String(res.status)}` });
  } catch (err) {
    emit({ kind: 'certificate', identity, outcome: `signed the ${use} CSR; CertificateSigned failed: ${(err as Error).message}` });
  }
}

async function probe(conn: OcppConnection, identity: string, probe: Probe, emit: (e: CsmsEvent) => void, ca?: KeyPair) {
  if (conn.version === '1.6') return probe16(conn, identity, probe, emit);
  try {
    if (probe === 'install-v2g-root') {
      if (!ca) return emit({ kind: 'probe', identity, probe, outcome: 'failed: no CA (give --self-signed DIR)' });
      const res = await conn.call('InstallCertificate', { certificateType: 'V2GRootCertificate', certificate: ca.cert });
      emit({ kind: 'probe', identity, probe, outcome: `InstallCertificate V2GRootCertificate ${String(res.status)}` });
    } else if (probe === 'get-base-report') {
      const res = await conn.call('GetBaseReport', { requestId: PROBE_REQUEST_ID, reportBase: 'FullInventory' });
      emit({ kind: 'probe', identity, probe, outcome: `GetBaseReport ${String(res.status)}` });
    } else {
      const res = await conn.call('GetVariables', {
        getVariableData: [
          { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' } },
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
        ],
      });
      const results = (res.getVariableResult as { attributeStatus: string; attributeValue?: string; variable: { name: string } }[]) ?? [];
      emit({
        kind: 'probe',
        identity,
        probe,
        outcome: results
          .map((r) => `${r.variable.name}: ${r.attributeStatus}${r.attributeValue !== undefined ? ` "${r.attributeValue}"` : ''}`)
          .join('; '),
      });
    }
  } catch (err) {
    emit({ kind: 'probe', identity, probe, outcome: `failed: ${(err as Error).message}` });
  }
}

// OCPP 1.6 has no device model: its configuration keys stand in for the report and the variables
async function probe16(conn: OcppConnection, identity: string, probe: Probe, emit: (e: CsmsEvent) => void) {
  if (probe === 'install-v2g-root')
    return emit({ kind: 'probe', identity, probe, outcome: 'skipped: OCPP 1.6 installs no V2G root certificate' });
  try {
    const keys = probe === 'get-variables' ? ['HeartbeatInterval', 'NumberOfConnectors'] : undefined;
    const res = await conn.call('GetConfiguration', keys ? { key: keys } : {});
    const known = (res.configurationKey as { key: string; value?: string }[] | undefined) ?? [];
    const unknown = (res.unknownKey as string[] | undefined) ?? [];
    const outcome = keys
      ? keys
          .map((k) => {
            const found = known.find((c) => c.key === k);
            return `${k}: ${found ? (found.value !== undefined ? `"${found.value}"` : 'no value') : 'unknown'}`;
          })
          .join('; ')
      : `GetConfiguration: ${plural(known.length, 'key')}${unknown.length ? `, ${unknown.length} unknown` : ''}`;
    emit({ kind: 'probe', identity, probe, outcome });
  } catch (err) {
    emit({ kind: 'probe', identity, probe, outcome: `failed: ${(err as Error).message}` });
  }
}
