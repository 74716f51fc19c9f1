import type { CsmsEvent } from './server.js';

const TYPE_NAMES: Record<number, string> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR', 5: 'CALLRESULTERROR', 6: 'SEND' };

/** One readable line per event; message payloads are already redacted by the connection. */
export function formatEvent(e: CsmsEvent): string {
  switch (e.kind) {
    case 'listening':
      return `listening on ${e.url}  (put ${e.url} in OcppCsmsUrl; the station appends its identity)`;
    case 'connected':
      return `${e.identity}: connected from ${e.remote}, subprotocol ${e.protocol}${e.clientCertificate ? `, client certificate ${e.clientCertificate}` : ''}`;
    case 'refused':
      return `${e.identity || '(no identity)'}: refused ${e.remote} with HTTP ${e.status}: ${e.reason}`;
    case 'disconnected':
      return `${e.identity}: disconnected (${e.code})`;
    case 'probe':
      return `${e.identity}: probe ${e.probe}: ${e.outcome}`;
    case 'message': {
      const { direction, frame, action, problem } = e.message;
      const arrow = direction === 'in' ? '→' : '←';
      const name = 'action' in frame ? frame.action : action ?? '?';
      const body = 'payload' in frame ? JSON.stringify(frame.payload) : `${frame.code} ${JSON.stringify(frame.description)}`;
      return `${e.identity}: ${arrow} ${TYPE_NAMES[frame.type]} ${name} ${body}${problem ? `  [${problem}]` : ''}`;
    }
  }
}

export function eventToJson(e: CsmsEvent, at: Date): string {
  return JSON.stringify({ time: at.toISOString(), ...e });
}
