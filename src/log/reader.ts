import { OcppctlError } from '../errors.js';
import { eachLine } from './lines.js';
import { findLogFiles } from './files.js';
import { parserFor } from './parse.js';
import type { LogDefect, LogFileInfo, LogItem, LogRecord, LogVersion, SecurityEvent, SessionInfo } from './record.js';
import { sessionVersion } from './version.js';

export interface ReadOptions {
  cwd: string;
  ocpp?: LogVersion;
  /** Bytes read so far of `total`; for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Awaited before a session's files are read (check loads the schemas of its version here). */
  beforeSession?: (session: SessionInfo) => Promise<void>;
}

/** What pairing found besides the records: check turns these into findings, show ignores them. */
export type PairingEvent =
  /** a CALL still waiting when its session ended; `last` is the time of the session's last frame */
  | { kind: 'unanswered'; call: LogRecord; last: string | null }
  /** an answer whose CALL was not seen */
  | { kind: 'orphan'; answer: LogRecord }
  /** a CALL sent while the same side still waited for an answer */
  | { kind: 'overlap'; call: LogRecord; waiting: LogRecord };

export type ReadItem = LogItem | PairingEvent;

export interface ReadResult {
  files: LogFileInfo[];
  sessions: SessionInfo[];
}

// OCPP-J allows one CALL in flight per direction; a peer that ignores that must not make memory grow without end
const MAX_OUTSTANDING = 1000;

/** Milliseconds of an RFC 3339 time; libocpp's fixed `2026-03-01T10:00:00.123Z` without Date.parse (a hot path). */
export function timeMs(t: string | null): number {
  if (t === null) return NaN;
  if (t.length === 24 && t.charCodeAt(23) === 90 /* Z */ && t.charCodeAt(19) === 46 /* . */) {
    const n = (i: number, len: number) => {
      let v = 0;
      for (let k = i; k < i + len; k++) {
        const c = t.charCodeAt(k) - 48;
        if (c < 0 || c > 9) return NaN;
        v = v * 10 + c;
      }
      return v;
    };
    return Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2), n(11, 2), n(14, 2), n(17, 2), n(20, 3));
  }
  return Date.parse(t);
}
const ms = timeMs;

/**
 * Reads every log file named (folders: every session in them, oldest first), streaming, and calls `onItem` for
 * each frame in order, with answers carrying their CALL's action and latency. Damaged parts arrive as defects.
 */
export async function readLogs(inputs: string[], opts: ReadOptions, onItem: (item: ReadItem) => void): Promise<ReadResult> {
  const sessions = findLogFiles(inputs, opts.cwd);
  const files = sessions.flatMap((s) => s.files);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  let done = 0;
  const infos: SessionInfo[] = [];
  for (const s of sessions) {
    const info = await sessionVersion(s, opts.ocpp);
    infos.push(info);
    await opts.beforeSession?.(info);
    const pairer = new Pairer(onItem);
    for (const f of s.files) {
      onItem({ kind: 'file', info: f, session: info });
      const sink = {
        frame: (r: LogRecord) => pairer.frame(r),
        security: (event: SecurityEvent) => onItem({ kind: 'security', event }),
        defect: (defect: LogDefect) => onItem({ kind: 'defect', defect }),
      };
      const parser = parserFor(f.format, f.file, sink);
      await eachLine(f.path, parser.line, (n) => {
        done += n;
        opts.onProgress?.(done, total);
      }).catch((err: NodeJS.ErrnoException) => {
        throw new OcppctlError('INPUT', `cannot read ${f.file} (${err.code ?? err.message})`);
      });
      parser.end();
    }
    pairer.end();
  }
  return { files, sessions: infos };
}

class Pairer {
  /** per origin: message id → CALL, in the order sent */
  private waiting = { ChargePoint: new Map<string, LogRecord>(), CentralSystem: new Map<string, LogRecord>() };
  private last: string | null = null;

  constructor(private readonly emit: (item: ReadItem) => void) {}

  frame(r: LogRecord) {
    if (r.from === 'SYS') {
      // a new session in the same file (libocpp appends): what was waiting will not be answered any more
      if (/^Session logging started/.test(r.text ?? '')) this.end();
    } else if (r.messageTypeId === 2) {
      const mine = this.waiting[r.from];
      const first = mine.values().next();
      if (!first.done) this.emit({ kind: 'overlap', call: r, waiting: first.value });
      if (mine.size >= MAX_OUTSTANDING) {
        const [id, oldest] = mine.entries().next().value!;
        mine.delete(id);
        this.emit({ kind: 'unanswered', call: oldest, last: r.time });
      }
      mine.delete(r.messageId!);
      mine.set(r.messageId!, r);
    } else if (r.messageTypeId === 3 || r.messageTypeId === 4 || r.messageTypeId === 5) {
      const theirs = this.waiting[r.from === 'ChargePoint' ? 'CentralSystem' : 'ChargePoint'];
      const call = theirs.get(r.messageId!);
      if (call) {
        theirs.delete(r.messageId!);
        r.action = call.action;
        const latency = ms(r.time) - ms(call.time);
        r.latencyMs = Number.isFinite(latency) ? latency : null;
      } else this.emit({ kind: 'orphan', answer: r });
    }
    if (r.time !== null) this.last = r.time;
    this.emit({ kind: 'frame', record: r });
  }

  end() {
    for (const side of Object.values(this.waiting)) {
      for (const call of side.values()) this.emit({ kind: 'unanswered', call, last: this.last });
      side.clear();
    }
  }
}
