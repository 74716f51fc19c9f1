import { printable } from '../protocol/log-text.js';
import type { LogRecord, LogVersion, SecurityEvent, SessionInfo } from './record.js';
import type { ReadItem } from './reader.js';
import { readLogs } from './reader.js';

export interface ActionStats {
  action: string;
  /** CALLs seen (either direction). */
  calls: number;
  /** Answered with CALLERROR. */
  errors: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface TransactionSummary {
  id: string;
  evse: number | null;
  start: string | null;
  stop: string | null;
  /** Energy from the meter values (last register reading minus first), Wh. */
  energyWh: number | null;
}

export interface SessionSummary {
  session: string;
  files: string[];
  version: LogVersion;
  versionSource: string;
  /** given (--ocpp), sure, likely or guess */
  versionCertainty: SessionInfo['certainty'];
  start: string | null;
  end: string | null;
  frames: number;
  connectionEvents: { time: string | null; text: string }[];
  boot: { status: string; time: string | null; attempts: number } | null;
  actions: ActionStats[];
  errors: number;
  latency: { p50: number | null; p99: number | null; max: number | null };
  transactions: TransactionSummary[];
  callErrors: { time: string | null; file: string; line: number; action: string | null; code: string; description: string }[];
  securityEvents: { time: string | null; type: string; techInfo?: string }[];
  defects: number;
}

// lists stay one screen long and memory bounded on a 100 MB log; counts stay exact
const LIST_LIMIT = 50;
const SAMPLE = 10_000;

/** Keeps a uniform sample of at most SAMPLE latencies (reservoir sampling) and the exact maximum. */
class Latencies {
  private sample: number[] = [];
  private seen = 0;
  max: number | null = null;
  add(v: number) {
    this.seen++;
    this.max = this.max === null ? v : Math.max(this.max, v);
    if (this.sample.length < SAMPLE) this.sample.push(v);
    else {
      const i = Math.floor(Math.random() * this.seen);
      if (i < SAMPLE) this.sample[i] = v;
    }
  }
  percentile(p: number): number | null {
    if (!this.sample.length) return null;
    const sorted = [...this.sample].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

/** Energy register readings (Wh) in OCPP meter values, 1.6 (`unit`, string values) or 2.x (`unitOfMeasure`). */
function energyReadings(meterValue: unknown): number[] {
  const out: number[] = [];
  for (const mv of Array.isArray(meterValue) ? meterValue : []) {
    for (const sv of Array.isArray(obj(mv).sampledValue) ? (obj(mv).sampledValue as unknown[]) : []) {
      const s = obj(sv);
      if ((s.measurand ?? 'Energy.Active.Import.Register') !== 'Energy.Active.Import.Register') continue;
      const v = num(s.value);
      if (v === undefined) continue;
      const unit = text(obj(s.unitOfMeasure).unit ?? s.unit ?? 'Wh');
      const multiplier = num(obj(s.unitOfMeasure).multiplier) ?? 0;
      out.push(v * (unit === 'kWh' ? 1000 : 1) * 10 ** multiplier);
    }
  }
  return out;
}

class SessionStats {
  frames = 0;
  start: string | null = null;
  end: string | null = null;
  connectionEvents: SessionSummary['connectionEvents'] = [];
  boot: SessionSummary['boot'] = null;
  actions = new Map<string, { calls: number; errors: number; lat: Latencies }>();
  all = new Latencies();
  errors = 0;
  txs = new Map<string, TransactionSummary & { first?: number; last?: number }>();
  startCalls = new Map<string, LogRecord>();
  callErrors: SessionSummary['callErrors'] = [];
  securityEvents: SessionSummary['securityEvents'] = [];
  defects = 0;
  files: string[] = [];

  constructor(
    readonly name: string,
    readonly version: LogVersion,
    readonly versionSource: string,
    readonly versionCertainty: SessionInfo['certainty'],
  ) {}

  private stat(action: string) {
    let s = this.actions.get(action);
    if (!s) this.actions.set(action, (s = { calls: 0, errors: 0, lat: new Latencies() }));
    return s;
  }

  private tx(id: string) {
    let t = this.txs.get(id);
    if (!t && this.txs.size < 10_000) this.txs.set(id, (t = { id, evse: null, start: null, stop: null, energyWh: null }));
    return t;
  }

  private meter(t: { first?: number; last?: number; energyWh: number | null }, readings: number[]) {
    for (const r of readings) {
      t.first ??= r;
      t.last = r;
      t.energyWh = t.last - t.first;
    }
  }

  frame(r: LogRecord) {
    this.frames++;
    if (r.time) {
      this.start ??= r.time;
      this.end = r.time;
    }
    if (r.from === 'SYS') {
      if (this.connectionEvents.length < LIST_LIMIT) this.connectionEvents.push({ time: r.time, text: r.text ?? '' });
      return;
    }
    const p = obj(r.payload);
    if (r.messageTypeId === 2 && r.action) this.stat(r.action).calls++;
    if ((r.messageTypeId === 3 || r.messageTypeId === 4) && r.action && r.latencyMs !== null) {
      this.stat(r.action).lat.add(r.latencyMs);
      this.all.add(r.latencyMs);
    }
    if (r.messageTypeId === 4 || r.messageTypeId === 5) {
      this.errors++;
      if (r.action) this.stat(r.action).errors++;
      if (this.callErrors.length < LIST_LIMIT)
        this.callErrors.push({
          time: r.time,
          file: r.file,
          line: r.line,
          action: r.action,
          code: r.errorCode ?? '',
          description: r.errorDescription ?? '',
        });
    }
    if (r.messageTypeId === 3 && r.action === 'BootNotification')
      this.boot = { status: String(p.status), time: r.time, attempts: (this.boot?.attempts ?? 0) + 1 };
    // transactions, 1.6: StartTransaction's answer assigns the id; StopTransaction and MeterValues name it
    if (r.messageTypeId === 2 && r.action === 'StartTransaction' && this.startCalls.size < 100) this.startCalls.set(r.messageId!, r);
    if (r.messageTypeId === 3 && r.action === 'StartTransaction') {
      const call = this.startCalls.get(r.messageId!);
      this.startCalls.delete(r.messageId!);
      const id = obj(r.payload).transactionId;
      const t = id !== undefined ? this.tx(text(id)) : undefined;
      if (t && call) {
        const c = obj(call.payload);
        t.evse = num(c.connectorId) ?? null;
        t.start = typeof c.timestamp === 'string' ? c.timestamp : call.time;
        const m = num(c.meterStart);
        if (m !== undefined) this.meter(t, [m]);
      }
    }
    if (r.messageTypeId !== 2) return;
    if (r.action === 'StopTransaction' || (r.action === 'MeterValues' && p.transactionId !== undefined)) {
      const t = p.transactionId !== undefined ? this.tx(text(p.transactionId)) : undefined;
      if (!t) return;
      this.meter(t, energyReadings(p.meterValue ?? p.transactionData));
      if (r.action === 'StopTransaction') {
        t.stop = typeof p.timestamp === 'string' ? p.timestamp : r.time;
        const m = num(p.meterStop);
        if (m !== undefined) this.meter(t, [m]);
      }
    }
    // 2.x: TransactionEvent Started / Updated / Ended
    if (r.action === 'TransactionEvent') {
      const id = obj(p.transactionInfo).transactionId;
      const t = id !== undefined ? this.tx(text(id)) : undefined;
      if (!t) return;
      const evse = num(obj(p.evse).id);
      if (evse !== undefined) t.evse = evse;
      if (p.eventType === 'Started') t.start = typeof p.timestamp === 'string' ? p.timestamp : r.time;
      if (p.eventType === 'Ended') t.stop = typeof p.timestamp === 'string' ? p.timestamp : r.time;
      this.meter(t, energyReadings(p.meterValue));
    }
  }

  security(e: SecurityEvent) {
    if (this.securityEvents.length < LIST_LIMIT)
      this.securityEvents.push({ time: e.time, type: e.type, ...(e.techInfo ? { techInfo: e.techInfo } : {}) });
  }

  done(): SessionSummary {
    return {
      session: this.name,
      files: this.files,
      version: this.version,
      versionSource: this.versionSource,
      versionCertainty: this.versionCertainty,
      start: this.start,
      end: this.end,
      frames: this.frames,
      connectionEvents: this.connectionEvents,
      boot: this.boot,
      actions: [...this.actions]
        .map(([action, s]) => ({
          action,
          calls: s.calls,
          errors: s.errors,
          p50: s.lat.percentile(50),
          p99: s.lat.percentile(99),
          max: s.lat.max,
        }))
        .sort((a, b) => b.calls - a.calls || a.action.localeCompare(b.action)),
      errors: this.errors,
      latency: { p50: this.all.percentile(50), p99: this.all.percentile(99), max: this.all.max },
      transactions: [...this.txs.values()]
        .slice(0, LIST_LIMIT)
        .map(({ id, evse, start, stop, energyWh }) => ({ id, evse, start, stop, energyWh })),
      callErrors: this.callErrors,
      securityEvents: this.securityEvents,
      defects: this.defects,
    };
  }
}

export async function summarizeLogs(
  inputs: string[],
  opts: { cwd: string; ocpp?: LogVersion; onProgress?: (done: number, total: number) => void },
): Promise<SessionSummary[]> {
  const out: SessionStats[] = [];
  let cur: SessionStats | undefined;
  const onItem = (item: ReadItem) => {
    if (item.kind === 'file') {
      if (cur?.name !== item.session.name || out.length === 0)
        out.push((cur = new SessionStats(item.session.name, item.session.version, item.session.versionSource, item.session.certainty)));
      cur.files.push(item.info.file);
    } else if (item.kind === 'frame') cur!.frame(item.record);
    else if (item.kind === 'security') cur!.security(item.event);
    else if (item.kind === 'defect') cur!.defects++;
  };
  await readLogs(
    inputs,
    { cwd: opts.cwd, ...(opts.ocpp ? { ocpp: opts.ocpp } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) },
    onItem,
  );
  return out.map((s) => s.done());
}

const fmtMs = (v: number | null) => (v === null ? '-' : `${v} ms`);
const fmtWh = (v: number | null) => (v === null ? '-' : v >= 1000 ? `${(v / 1000).toFixed(2)} kWh` : `${v} Wh`);

/** The summary as text: one screen per session. */
export function formatSummary(sessions: SessionSummary[]): string {
  const out: string[] = [];
  for (const s of sessions) {
    if (out.length) out.push('');
    out.push(`session ${printable(s.session)}  (${s.files.map(printable).join(', ')})`);
    if (s.frames) out.push(`  OCPP ${s.version}, ${s.versionCertainty} (${s.versionSource})`);
    out.push(
      `  ${s.start ?? '?'} → ${s.end ?? '?'}, ${s.frames} frames${s.defects ? `, ${s.defects} damaged parts (ocppctl log check)` : ''}`,
    );
    if (s.connectionEvents.length)
      out.push(`  events: ${s.connectionEvents.map((e) => `${e.time?.slice(11, 19) ?? '?'} ${printable(e.text)}`).join('; ')}`);
    out.push(
      `  boot: ${s.boot ? `${printable(s.boot.status)} at ${s.boot.time ?? '?'}${s.boot.attempts > 1 ? ` (after ${s.boot.attempts} attempts)` : ''}` : 'not in the log'}`,
    );
    out.push(`  latency: p50 ${fmtMs(s.latency.p50)}, p99 ${fmtMs(s.latency.p99)}, max ${fmtMs(s.latency.max)}; ${s.errors} CALLERRORs`);
    if (s.actions.length) {
      out.push('  action                              calls  errors      p50      p99      max');
      for (const a of s.actions.slice(0, 20))
        out.push(
          `  ${printable(a.action).padEnd(34)} ${String(a.calls).padStart(6)} ${String(a.errors).padStart(7)} ${fmtMs(a.p50).padStart(8)} ${fmtMs(a.p99).padStart(8)} ${fmtMs(a.max).padStart(8)}`,
        );
      if (s.actions.length > 20) out.push(`  … ${s.actions.length - 20} more actions (--json lists all)`);
    }
    if (s.transactions.length) {
      out.push('  transactions:');
      for (const t of s.transactions.slice(0, 10))
        out.push(`    ${printable(t.id)}  EVSE ${t.evse ?? '?'}  ${t.start ?? '?'} → ${t.stop ?? 'open'}  ${fmtWh(t.energyWh)}`);
      if (s.transactions.length > 10) out.push(`    … ${s.transactions.length - 10} more (--json lists them)`);
    }
    for (const e of s.callErrors.slice(0, 5))
      out.push(
        `  CALLERROR ${printable(e.code)} for ${printable(e.action ?? '?')} at ${e.file}:${e.line}${e.description ? `: ${printable(e.description.slice(0, 80))}` : ''}`,
      );
    if (s.callErrors.length > 5) out.push(`  … ${s.callErrors.length - 5} more CALLERRORs`);
    for (const e of s.securityEvents.slice(0, 5)) out.push(`  security event ${printable(e.type)} at ${e.time ?? '?'}`);
    if (s.securityEvents.length > 5) out.push(`  … ${s.securityEvents.length - 5} more security events`);
  }
  return out.join('\n');
}

/** A payload field as text: strings as they are, anything else (a number id, an odd object) as its JSON. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}
