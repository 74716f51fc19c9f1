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
    case 'dropped':
      return `${e.identity || '(no identity)'}: dropped ${e.remote}: ${e.reason}`;
    case 'disconnected':
      return e.error ? `${e.identity}: disconnected (${e.code}, ${e.error})` : `${e.identity}: disconnected (${e.code})`;
    case 'probe':
      return `${e.identity}: probe ${e.probe}: ${e.outcome}`;
    case 'message': {
      const { direction, frame, action, problem } = e.message;
      const arrow = direction === 'in' ? '→' : '←';
      const name = shorten('action' in frame ? frame.action : (action ?? '?'), 256);
      return `${e.identity}: ${arrow} ${TYPE_NAMES[frame.type]} ${name} ${frameBody(e.message)}${problem ? `  [${shorten(problem, 1024)}]` : ''}`;
    }
  }
}

/** One JSON line per event, payloads over 4 KB shortened to a string, C1 and separator characters escaped. */
export function eventToJson(e: CsmsEvent, at: Date): string {
  const event = e.kind === 'message' ? { ...e, message: shortenedFrame(e.message) } : e;
  return safeJson(JSON.stringify({ time: at.toISOString(), ...event }));
}
