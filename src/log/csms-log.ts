import type { CsmsEvent } from '../csms/server.js';
import { printable } from '../protocol/log-text.js';
import { LibocppLogWriter } from './writer.js';

/**
 * `ocppctl csms --log-format libocpp`: the events of the test CSMS as libocpp's `.log` text, so that the CSMS's
 * side of a session reads like the station's (`ocppctl log show` reads both). Frames the station sent are
 * ChargePoint>CentralSystem, the CSMS's own CentralSystem>ChargePoint; connections are SYS lines. The frames
 * arrive already redacted by the connection.
 */
export class CsmsLibocppLog {
  private readonly writers = new Map<string, LibocppLogWriter>();

  /** The first line of the file: libocpp starts each session with it. */
  start(at: Date): string {
    return new LibocppLogWriter('log').sys('Session logging started.', at);
  }

  line(e: CsmsEvent, at: Date): string {
    const sys = (text: string) => new LibocppLogWriter('log').sys(printable(text), at);
    switch (e.kind) {
      case 'listening':
        return '';
      case 'connected':
        return sys(`${e.identity}: connected, subprotocol ${e.protocol}`);
      case 'disconnected':
        return sys(`${e.identity}: disconnected (${e.code}${e.error ? `, ${e.error}` : ''})`);
      case 'refused':
        return sys(`${e.identity || '(no identity)'}: refused with HTTP ${e.status}: ${e.reason}`);
      case 'dropped':
        return sys(`${e.identity || '(no identity)'}: dropped: ${e.reason}`);
      case 'probe':
        return sys(`${e.identity}: probe ${e.probe}: ${e.outcome}`);
      case 'certificate':
        return sys(`${e.identity}: certificate: ${e.outcome}`);
      case 'tls-failed':
        return sys(`(no identity): refused ${e.remote} in the TLS handshake: ${e.reason}`);
      case 'message': {
        // one writer per station: each keeps its own CALL → "<action>Response" lookup, as libocpp does per station
        let w = this.writers.get(e.identity);
        if (!w) this.writers.set(e.identity, (w = new LibocppLogWriter('log')));
        const f = e.message.frame;
        const frame =
          f.type === 2 || f.type === 6
            ? [f.type, f.id, f.action, f.payload]
            : f.type === 3
              ? [3, f.id, f.payload]
              : [f.type, f.id, f.code, f.description, f.details];
        return w.frame(e.message.direction === 'in' ? 'ChargePoint' : 'CentralSystem', frame, at);
      }
    }
  }
}
