import { OcppConnection, BadAnswerError, CallError, CallTimeoutError, PeerViolationError, ConnectionClosedError } from './connection.js';
import type { LoggedMessage } from './connection.js';
import { DialError, dial } from './dial.js';
import type { FailureClass as DialFailure, ServerCertificate } from './dial.js';
import type { Payload } from './framing.js';
import { StationModel } from './station-model.js';
import { UriError, buildStationUri } from './station-uri.js';
import { loadSchemas } from './validation.js';
import { subprotocolOf, versionOfSubprotocol } from './versions.js';
import type { OcppVersion } from './versions.js';
import type { ConfigTree } from '../model/index.js';

export type FailureClass =
  DialFailure | 'config' | 'boot-rejected' | 'boot-pending' | 'call-timeout' | 'call-error' | 'schema-violation' | 'bad-answer' | 'closed';

export type CheckStep = 'slot' | 'resolve' | 'tcp' | 'tls' | 'upgrade' | 'boot' | 'heartbeat' | 'status' | 'stay';

export interface Check {
  step: CheckStep;
  ok: boolean;
  detail: string;
  ms?: number;
  hint?: string;
  failure?: FailureClass;
}

/** What one slot says, after command-line overrides; `password` is a secret and never printed. */
export interface SlotEndpoint {
  slot: number;
  csmsUrl: string;
  securityProfile: number;
  identity: string;
  identitySource: 'flag' | 'slot' | 'SecurityCtrlr' | 'none';
  password?: string;
  passwordSource: 'env' | 'slot' | 'SecurityCtrlr' | 'none';
  messageTimeout: number;
}

export interface TlsFiles {
  ca?: string[];
  cert?: string;
  key?: string;
}

export interface ConnectOptions {
  tree: ConfigTree;
  endpoint: SlotEndpoint;
  tls: TlsFiles;
  /** --ocpp narrows InternalCtrlr.SupportedOcppVersions */
  ocpp?: OcppVersion;
  /** bounds every step from dialling to the last StatusNotification answered, each CALL included */
  timeoutMs: number;
  stayMs: number;
  /** largest WebSocket message accepted from the CSMS (default 1 MiB) */
  maxFrameBytes?: number;
  onCheck?: (c: Check) => void;
  onMessage?: (m: LoggedMessage) => void;
}

export interface ConnectResult {
  slot: number;
  ok: boolean;
  url?: string;
  subprotocol?: string;
  serverCertificate?: { subject: string; issuer: string; validTo: string };
  boot?: { status: string; interval: number };
  heartbeatMs?: number;
  checks: Check[];
  failure?: { class: FailureClass; step: CheckStep; message: string; hint: string };
}

const HINTS: Record<FailureClass, (e: SlotEndpoint) => string> = {
  config: (e) => `fix NetworkConfiguration_${e.slot} (or pass --url / --identity)`,
  dns: (e) => `check the host name in OcppCsmsUrl of slot ${e.slot}`,
  refused: (e) => `nothing listens there: check the port in OcppCsmsUrl of slot ${e.slot} and that the CSMS runs`,
  timeout: () => 'no answer: check host, port and firewalls, or raise --timeout',
  network: (e) => `the network path to the CSMS fails: check OcppCsmsUrl of slot ${e.slot}`,
  'tls-unknown-ca': () => 'trust the CA that signed the CSMS certificate: --ca FILE (on the station: the CSMS root bundle of EvseSecurity)',
  'tls-hostname': (e) => `OcppCsmsUrl of slot ${e.slot} must use a host name the CSMS certificate lists (subjectAltName)`,
  'tls-expired': () => 'the CSMS certificate is out of date: the CSMS must renew it (or the clock is wrong)',
  'tls-client-certificate-required': (e) =>
    e.securityProfile === 3
      ? 'the CSMS refused the station certificate: check --cert/--key and that the CSMS trusts its CA'
      : `the CSMS wants a client certificate: it expects security profile 3, slot ${e.slot} says ${e.securityProfile}`,
  'tls-other': () => 'check that the CSMS speaks TLS on this port and supports a common cipher',
  'http-401': (e) =>
    `the CSMS refused identity "${e.identity}" with this password: check BasicAuthPassword of slot ${e.slot} (else SecurityCtrlr.BasicAuthPassword) and Identity`,
  'http-404': (e) => `the CSMS does not know this path: check the path in OcppCsmsUrl of slot ${e.slot} and the Identity (appended twice?)`,
  'http-other': () => 'the CSMS refused the WebSocket upgrade: check the URL path and the CSMS logs',
  'no-common-subprotocol': () => 'InternalCtrlr.SupportedOcppVersions (or --ocpp) offers no version the CSMS speaks',
  'protocol-error': (e) =>
    `the server broke the WebSocket protocol: check that OcppCsmsUrl of slot ${e.slot} points at the CSMS's OCPP-J endpoint (not a proxy or another service), else report it to the CSMS vendor`,
  'boot-rejected': () => 'the CSMS rejected the BootNotification: register this station (identity, serial number) at the CSMS',
  'boot-pending': () => 'the CSMS kept the station Pending: accept it at the CSMS, or raise --timeout',
  'call-timeout': (e) => `the CSMS did not answer within MessageTimeout (${e.messageTimeout} s of slot ${e.slot})`,
  'call-error': () => 'the CSMS answered with a CALLERROR: see its description and the CSMS logs',
  'schema-violation': () => 'the CSMS sent a message that breaks the OCPP schema of the negotiated version: report it to the CSMS vendor',
  'bad-answer': () =>
    'the CSMS answered with something that is not an OCPP-J answer to our CALL (see --verbose): report it to the CSMS vendor',
  closed: () => 'the CSMS closed the connection: see the CSMS logs',
};

/** What differs between an OCPP 1.6 and a 2.x station in the steps after the upgrade. */
export interface StationDialect {
  bootPayload(model: StationModel): Payload;
  /** one Available StatusNotification each (the timestamp is added when sent), and what they cover, for the report */
  statusNotifications(model: StationModel): { payloads: Payload[]; detail: string };
  /** answers to the CSMS's requests while the session lasts */
  serve(conn: OcppConnection, model: StationModel): void;
  /** those requests, for the report */
  answers: string;
}

const dialect2x: StationDialect = {
  bootPayload: (model) => model.bootPayload(),
  statusNotifications(model) {
    const connectors = model.connectors();
    return {
      payloads: connectors.map((c) => ({ connectorStatus: 'Available', evseId: c.evseId, connectorId: c.connectorId })),
      detail: `${connectors.length} connector(s)`,
    };
  },
  serve: serveDeviceModel,
  answers: 'GetVariables, SetVariables, GetBaseReport',
};

class StepFailure extends Error {
  constructor(
    readonly failure: FailureClass,
    readonly step: CheckStep,
    message: string,
  ) {
    super(message);
  }
}

/** Subprotocols libocpp offers: InternalCtrlr.SupportedOcppVersions in its order, no trimming (libocpp v2 utils.cpp). */
export function offeredSubprotocols(tree: ConfigTree, narrow?: OcppVersion): string[] {
  const model = new StationModel(tree);
  // libocpp's 2.x ChargePoint serves 2.0.1 and 2.1 only; 1.6 is offered on request (--ocpp 1.6)
  const listed = (model.value('InternalCtrlr', 'SupportedOcppVersions') ?? 'ocpp2.1,ocpp2.0.1')
    .split(',')
    .filter((s) => versionOfSubprotocol(s) && s !== subprotocolOf('1.6'));
  if (!narrow) return listed;
  return [subprotocolOf(narrow)];
}

export async function connectSlot(o: ConnectOptions): Promise<ConnectResult> {
  const e = o.endpoint;
  const result: ConnectResult = { slot: e.slot, ok: false, checks: [] };
  const check = (c: Check) => {
    result.checks.push(c);
    o.onCheck?.(c);
  };
  const fail = (failure: FailureClass, step: CheckStep, message: string, hintText?: string): ConnectResult => {
    const hint = hintText ?? HINTS[failure](e);
    check({ step, ok: false, detail: message, hint, failure });
    result.failure = { class: failure, step, message, hint };
    return result;
  };

  let uri;
  try {
    uri = buildStationUri(e.csmsUrl, e.identity, e.securityProfile);
  } catch (err) {
    if (err instanceof UriError) {
      check({ step: 'slot', ok: false, detail: err.message, hint: err.hint, failure: 'config' });
      result.failure = { class: 'config', step: 'slot', message: err.message, hint: err.hint };
      return result;
    }
    throw err;
  }
  result.url = uri.text;
  const subprotocols = offeredSubprotocols(o.tree, o.ocpp);
  if (subprotocols.length === 0) return fail('config', 'slot', 'InternalCtrlr.SupportedOcppVersions lists no OCPP 2.x version');
  const policy = securityPolicy(o.tree);
  // libocpp ConnectivityManager::get_network_connection_profile
  if (e.securityProfile === 0 && !policy.allowProfileZero)
    return fail(
      'config',
      'slot',
      'libocpp skips security profile 0 slots: InternalCtrlr.AllowSecurityLevelZeroConnections is not true',
      'raise SecurityProfile of the slot to 1 or more, or (tests only) set InternalCtrlr.AllowSecurityLevelZeroConnections to true',
    );
  // libocpp remove_network_connection_profiles_below_actual_security_profile: no downgrade below the station's level
  if (e.securityProfile < policy.floor)
    return fail(
      'config',
      'slot',
      `libocpp drops this slot: security profile ${e.securityProfile} is below SecurityCtrlr.SecurityProfile ${policy.floor}`,
      `raise SecurityProfile of slot ${e.slot} to ${policy.floor} or more`,
    );
  // libocpp device_model.cpp refuses ':' in SecurityCtrlr.Identity; in basic auth it would end the user name
  if (e.identity.includes(':') && (e.securityProfile === 1 || e.securityProfile === 2))
    return fail(
      'config',
      'slot',
      `the identity "${e.identity}" contains ":", which basic authentication cannot carry`,
      'use an identity without ":"',
    );
  if ((e.securityProfile === 1 || e.securityProfile === 2) && !e.password)
    return fail(
      'config',
      'slot',
      `security profile ${e.securityProfile} needs a password: BasicAuthPassword of slot ${e.slot} and SecurityCtrlr.BasicAuthPassword are empty (or use --password-env)`,
    );
  if (e.securityProfile === 3 && (!o.tls.cert || !o.tls.key))
    return fail('config', 'slot', 'security profile 3 needs the station certificate and key: give --cert FILE --key FILE');
  const notes = [
    uri.schemeAdded ? 'scheme added from the security profile' : '',
    uri.identityStripped ? `identity "${e.identity}" was already the last path segment and is appended once` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const auth =
    e.securityProfile === 1 || e.securityProfile === 2
      ? `basic auth as "${e.identity}" (password from ${e.passwordSource})`
      : e.securityProfile === 3
        ? 'client certificate'
        : 'no authentication';
  check({
    step: 'slot',
    ok: true,
    detail: `slot ${e.slot}: ${uri.text}, security profile ${e.securityProfile}, identity from ${e.identitySource}, ${auth}, offering ${subprotocols.join(', ')}${notes ? ` (${notes})` : ''}`,
  });

  const deadline = Date.now() + o.timeoutMs;
  // loaded before dialling: the CSMS may send a CALL as soon as the upgrade completes
  const schemas = new Map(await Promise.all(subprotocols.map(async (p) => [p, await loadSchemas(versionOfSubprotocol(p)!)] as const)));
  const dialect16 = subprotocols.includes(subprotocolOf('1.6')) ? (await import('./station16.js')).dialect16 : undefined;
  let socket;
  let transport;
  try {
    const dialled = await dial({
      ...(o.maxFrameBytes !== undefined ? { maxFrameBytes: o.maxFrameBytes } : {}),
      url: new URL(uri.text),
      subprotocols,
      ...(e.securityProfile === 1 || e.securityProfile === 2 ? { basicAuth: { username: e.identity, password: e.password! } } : {}),
      ...(uri.secure && o.tls.ca ? { ca: o.tls.ca } : {}),
      ...(uri.secure && e.securityProfile === 3 ? { cert: o.tls.cert!, key: o.tls.key! } : {}),
      ...tlsPolicy(o.tree),
      timeoutMs: Math.max(1, deadline - Date.now()),
      onStep: (s) => check({ step: s.step, ok: true, detail: s.detail, ms: s.ms }),
    });
    socket = dialled.socket;
    transport = dialled.transport;
    result.subprotocol = dialled.protocol;
    if (dialled.serverCertificate) result.serverCertificate = certJson(dialled.serverCertificate);
  } catch (err) {
    if (err instanceof DialError) return fail(err.failure, err.step, err.message);
    throw err;
  }

  const version = versionOfSubprotocol(socket.protocol)!;
  const conn = new OcppConnection(socket, {
    version,
    schemas: schemas.get(socket.protocol)!,
    callTimeoutMs: e.messageTimeout * 1000,
    transport,
    ...(o.onMessage ? { onMessage: o.onMessage } : {}),
  });
  const model = new StationModel(o.tree);
  const dialect = version === '1.6' ? dialect16! : dialect2x;
  dialect.serve(conn, model);
  // --timeout bounds every CALL up to the last StatusNotification, not only the way to the boot
  conn.setDeadline(deadline);
  try {
    const boot = await bootUntilAccepted(conn, () => dialect.bootPayload(model), deadline, check);
    result.boot = boot;
    // libocpp stores the interval of an Accepted boot in HeartbeatInterval
    model.setActual('OCPPCommCtrlr', 'HeartbeatInterval', String(boot.interval));
    let t = Date.now();
    await conn.call('Heartbeat', {});
    result.heartbeatMs = Date.now() - t;
    check({ step: 'heartbeat', ok: true, detail: 'answered', ms: result.heartbeatMs });
    t = Date.now();
    const status = dialect.statusNotifications(model);
    for (const p of status.payloads) await conn.call('StatusNotification', { timestamp: new Date().toISOString(), ...p });
    check({
      step: 'status',
      ok: true,
      detail: `StatusNotification Available sent for ${status.detail}, all answered`,
      ms: Date.now() - t,
    });
    if (o.stayMs > 0) {
      conn.setDeadline(undefined);
      check({
        step: 'stay',
        ok: true,
        detail: `staying connected for ${o.stayMs / 1000} s, answering ${dialect.answers}`,
      });
      const closed = await stay(conn, o.stayMs, boot.interval);
      if (closed?.protocolError) return fail('protocol-error', 'stay', closed.message);
    }
    result.ok = true;
    return result;
  } catch (err) {
    if (err instanceof StepFailure) return fail(err.failure, err.step, err.message);
    const step: CheckStep = result.boot ? (result.heartbeatMs === undefined ? 'heartbeat' : 'status') : 'boot';
    if (err instanceof PeerViolationError) return fail('schema-violation', step, err.message);
    if (err instanceof BadAnswerError) return fail('bad-answer', step, err.message);
    if (err instanceof CallTimeoutError)
      return fail(
        'call-timeout',
        step,
        err.message,
        err.bound === 'deadline'
          ? `no answer before --timeout (${o.timeoutMs / 1000} s) ran out: check the CSMS logs, or raise --timeout`
          : undefined,
      );
    if (err instanceof CallError) return fail('call-error', step, `the CSMS answered ${err.code}: ${err.description}`);
    if (err instanceof ConnectionClosedError) return fail(err.protocolError ? 'protocol-error' : 'closed', step, err.message);
    throw err;
  } finally {
    conn.close(1000, 'ocppctl connect done');
  }
}

async function bootUntilAccepted(conn: OcppConnection, bootPayload: () => Payload, deadline: number, check: (c: Check) => void) {
  for (;;) {
    const t = Date.now();
    const res = await conn.call('BootNotification', bootPayload());
    const status = String(res.status);
    const interval = Number(res.interval);
    const ms = Date.now() - t;
    if (status === 'Accepted') {
      check({ step: 'boot', ok: true, detail: `Accepted, heartbeat interval ${interval} s`, ms });
      return { status, interval };
    }
    if (status === 'Rejected') throw new StepFailure('boot-rejected', 'boot', `the CSMS answered Rejected (retry interval ${interval} s)`);
    // libocpp retries a Pending boot after `interval`, or 30 s when it is 0 (provisioning.cpp)
    const wait = (interval > 0 ? interval : 30) * 1000;
    if (Date.now() + wait > deadline)
      throw new StepFailure('boot-pending', 'boot', `still Pending; the next try (in ${wait / 1000} s) would pass --timeout`);
    check({ step: 'boot', ok: true, detail: `Pending, answering the CSMS and retrying in ${wait / 1000} s`, ms });
    // unref: after a close the loop ends at once and this timer must not hold the process until it fires
    await Promise.race([new Promise((r) => setTimeout(r, wait).unref()), conn.closed]);
  }
}

function serveDeviceModel(conn: OcppConnection, model: StationModel) {
  conn.handle('GetVariables', (p) => model.getVariables(p));
  conn.handle('SetVariables', (p) => model.setVariables(p));
  conn.handle('GetBaseReport', (p) => {
    const data = model.reportData(String(p.reportBase));
    if (data.length === 0) return { status: 'EmptyResultSet' };
    // the report follows the response, as its own CALLs (OCPP B07)
    setImmediate(() => void sendReport(conn, model, Number(p.requestId), data).catch(() => undefined));
    return { status: 'Accepted' };
  });
}

async function sendReport(conn: OcppConnection, model: StationModel, requestId: number, data: Payload[]) {
  const per = Number(model.value('DeviceDataCtrlr', 'ItemsPerMessage', 'GetReport')) || 100;
  const generatedAt = new Date().toISOString();
  for (let i = 0, seqNo = 0; i < data.length; i += per, seqNo++) {
    const reportData = data.slice(i, i + per);
    await conn.call('NotifyReport', { requestId, generatedAt, seqNo, tbc: i + per < data.length, reportData });
  }
}

/** Resolves after `ms`, or earlier with the reason when the connection closes. */
async function stay(conn: OcppConnection, ms: number, heartbeatInterval: number): Promise<ConnectionClosedError | undefined> {
  const timers: NodeJS.Timeout[] = [];
  if (heartbeatInterval > 0 && heartbeatInterval * 1000 < ms)
    timers.push(setInterval(() => void conn.call('Heartbeat', {}).catch(() => undefined), heartbeatInterval * 1000));
  const closed = await Promise.race([new Promise<undefined>((r) => timers.push(setTimeout(() => r(undefined), ms))), conn.closed]);
  for (const t of timers) clearTimeout(t);
  return closed;
}

function securityPolicy(tree: ConfigTree) {
  const model = new StationModel(tree);
  const floor = Number.parseInt(model.value('SecurityCtrlr', 'SecurityProfile') ?? '0', 10);
  return {
    allowProfileZero: model.value('InternalCtrlr', 'AllowSecurityLevelZeroConnections')?.toLowerCase() === 'true',
    floor: Number.isNaN(floor) ? 0 : floor,
  };
}

function tlsPolicy(tree: ConfigTree) {
  const model = new StationModel(tree);
  const flag = (name: string, dflt: boolean) => {
    const v = model.value('InternalCtrlr', name)?.toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : dflt;
  };
  return {
    verifyHostname: flag('VerifyCsmsCommonName', true),
    allowWildcards: flag('VerifyCsmsAllowWildcards', false),
    useSystemRoots: flag('UseSslDefaultVerifyPaths', true),
  };
}

function certJson(c: ServerCertificate) {
  return { subject: c.subject, issuer: c.issuer, validTo: c.validTo.toISOString() };
}
