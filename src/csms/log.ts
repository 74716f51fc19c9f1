import { frameBody, printable, safeJson, shorten, shortenedFrame } from '../protocol/log-text.js';
import type { CsmsEvent } from './server.js';

const TYPE_NAMES: Record<number, string> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR', 5: 'CALLRESULTERROR', 6: 'SEND' };

// a whole line stays readable even when several peer-supplied fields are long
const LINE_LIMIT = 8192;

/**
 * One readable line per event; message payloads are already redacted by the connection. Everything a station
 * sent (identity, payloads, reasons) is escaped, so a peer can neither start a line of its own nor reach the terminal.
 */
export function formatEvent(e: CsmsEvent): string {
  return printable(shorten(describe(e), LINE_LIMIT));
}

function describe(e: CsmsEvent): string {
  switch (e.kind) {
    case 'listening':
      return `listening on ${e.url}  (put ${e.url} in OcppCsmsUrl; the station appends its identity)`;
    case 'connected':
      return `${e.identity}: connected from ${e.remote}, subprotocol ${e.protocol}${e.clientCertificate ? `, client certificate ${e.clientCertificate}` : ''}`;
    case 'refused':
      return `${e.identity || '(no identity)'}: refused ${e.remote} with HTTP ${e.status}: ${e.reason}`;
    case 'tls-failed':
      return `(no identity): refused ${e.remote} in the TLS handshake: ${e.reason}`;
    case 'dropped':
      return `${e.identity || '(no identity)'}: dropped ${e.remote}: ${e.reason}`;
    case 'disconnected':
      return e.error ? `${e.identity}: disconnected (${e.code}, ${e.error})` : `${e.identity}: disconnected (${e.code})`;
    case 'probe':
      return `${e.identity}: probe ${e.probe}: ${e.outcome}`;
    case 'certificate':
      return `${e.identity}: certificate: ${e.outcome}`;
    case 'message': {
      const { direction, frame, action, problem } = e.message;
      const arrow = direction === 'in' ? '→' : '←';
      const name = shorten('action' in frame ? frame.action : (action ?? '?'), 256);
      // a full inventory is tens of KB per part: the terminal gets what it holds, --log the payload
      if (frame.type === 2 && frame.action === 'NotifyReport' && !problem)
        return `${e.identity}: ${arrow} CALL NotifyReport ${describeReportPart(frame.payload)} (${Buffer.byteLength(JSON.stringify(frame.payload))} bytes)`;
      return `${e.identity}: ${arrow} ${TYPE_NAMES[frame.type]} ${name} ${frameBody(e.message)}${problem ? `  [${shorten(problem, 1024)}]` : ''}`;
    }
  }
}

export interface ReportCount {
  variables: number;
  components: Set<string>;
}

/** Adds one NotifyReport part to `into`: a variable per reportData entry, components told apart by name, instance and EVSE. */
export function countReport(payload: unknown, into: ReportCount = { variables: 0, components: new Set() }): ReportCount {
  const data = (payload as { reportData?: unknown } | null)?.reportData;
  if (!Array.isArray(data)) return into;
  for (const d of data as { component?: { name?: unknown; instance?: unknown; evse?: { id?: unknown; connectorId?: unknown } } }[]) {
    into.variables += 1;
    const c = d?.component;
    into.components.add(JSON.stringify([c?.name, c?.instance, c?.evse?.id, c?.evse?.connectorId]));
  }
  return into;
}

/** `requestId 1, seq 2 (more follow): 120 variables in 11 components` */
export function describeReportPart(payload: unknown): string {
  const p = (payload ?? {}) as { requestId?: unknown; seqNo?: unknown; tbc?: unknown };
  const { variables, components } = countReport(payload);
  return `requestId ${String(p.requestId)}, seq ${String(p.seqNo)}${p.tbc === true ? ' (more follow)' : ''}: ${plural(variables, 'variable')} in ${plural(components.size, 'component')}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One JSON line per event, payloads over 4 KB shortened to a string, C1 and separator characters escaped. */
export function eventToJson(e: CsmsEvent, at: Date): string {
  const event = e.kind === 'message' ? { ...e, message: shortenedFrame(e.message) } : e;
  return safeJson(JSON.stringify({ time: at.toISOString(), ...event }));
}
