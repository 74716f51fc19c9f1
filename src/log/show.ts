import { Chalk } from 'chalk';
import { redactJson } from '../diagnostics/redact.js';
import { printable } from '../protocol/log-text.js';
import type { LogRecord } from './record.js';

export interface ShowFilter {
  action?: string[];
  errors?: boolean;
  transaction?: string;
  evse?: number;
  since?: number;
  until?: number;
}

const TYPE = { 2: 'CALL', 3: 'RESULT', 4: 'ERROR', 5: 'RESULTERROR', 6: 'SEND' } as const;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The transaction id a payload names: 1.6 `transactionId`, 2.x `transactionInfo.transactionId`. */
export function transactionOf(payload: unknown): string | undefined {
  const p = obj(payload);
  if (!p) return undefined;
  const id = p.transactionId ?? obj(p.transactionInfo)?.transactionId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The EVSE a payload names: 2.x `evseId`, `evse.id`; 1.6 `connectorId`. */
export function evseOf(payload: unknown): number | undefined {
  const p = obj(payload);
  if (!p) return undefined;
  const id = p.evseId ?? obj(p.evse)?.id ?? p.connectorId;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Decides, frame by frame, what `log show` prints. A CALL that matched stays remembered so that its answer
 * prints too; a StartTransaction (1.6) waits for the answer that assigns the transaction id.
 */
export class RecordFilter {
  private readonly matchedCalls = new Set<string>();
  private readonly heldStarts = new Map<string, LogRecord>();

  constructor(private readonly f: ShowFilter) {}

  /** The records to print now (0, 1, or a held StartTransaction and its answer). */
  accept(r: LogRecord): LogRecord[] {
    const f = this.f;
    const t = r.time === null ? NaN : Date.parse(r.time);
    if (f.since !== undefined && !(t >= f.since)) return [];
    if (f.until !== undefined && !(t <= f.until)) return [];
    if (f.action && !(r.action !== null && f.action.includes(r.action))) return [];
    if (f.errors && !(r.messageTypeId === 4 || r.messageTypeId === 5)) return [];
    const key = (from: string) => `${from}:${r.messageId}`;
    const isAnswer = r.messageTypeId === 3 || r.messageTypeId === 4 || r.messageTypeId === 5;
    const callKey = isAnswer ? key(r.from === 'ChargePoint' ? 'CentralSystem' : 'ChargePoint') : key(r.from);
    if (f.transaction === undefined && f.evse === undefined) return [r];
    if (r.from === 'SYS') return [];
    if (isAnswer && this.matchedCalls.delete(callKey)) return [r];
    if (isAnswer && this.heldStarts.has(callKey)) {
      const call = this.heldStarts.get(callKey)!;
      this.heldStarts.delete(callKey);
      if (transactionOf(r.payload) === f.transaction) return [call, r];
      return [];
    }
    let ok = true;
    if (f.transaction !== undefined) {
      if (r.messageTypeId === 2 && r.action === 'StartTransaction') {
        if (this.heldStarts.size < 100) this.heldStarts.set(callKey, r);
        return [];
      }
      ok &&= transactionOf(r.payload) === f.transaction;
    }
    if (f.evse !== undefined) ok &&= evseOf(r.payload) === f.evse;
    if (ok && r.messageTypeId === 2 && this.matchedCalls.size < 1000) this.matchedCalls.add(callKey);
    return ok ? [r] : [];
  }
}

/** The record as printed: payload redacted (secrets shown as their length). */
export const redactRecord = (r: LogRecord): LogRecord => (r.payload === null ? r : { ...r, payload: redactJson(r.payload) });

const SHORT_PAYLOAD = 100;

/** One line per frame: time, direction, type, action, latency, payload (shortened unless verbose). */
export function stylishLine(r: LogRecord, opts: { color: boolean; verbose: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const time = r.time ? r.time.replace('T', ' ').replace(/Z$/, '') : '?';
  const where = c.dim(`${r.file}:${r.line}`);
  if (r.from === 'SYS') return `${c.dim(time)}  ${c.green('SYS')}  ${printable(r.text ?? '')}  ${where}`;
  const paint = r.from === 'ChargePoint' ? c.magenta : c.cyan;
  const arrow = r.from === 'ChargePoint' ? 'CP → CS' : 'CS → CP';
  const isAnswer = r.messageTypeId !== 2 && r.messageTypeId !== 6;
  // answers are indented under their calls, so a call and its answer read as a pair
  const type = TYPE[r.messageTypeId as 2 | 3 | 4 | 5 | 6] ?? '?';
  const name = `${isAnswer ? '  ' : ''}${type.padEnd(6)} ${printable(r.action ?? '(unknown call)')}`;
  const latency = r.latencyMs !== null ? c.yellow(`${r.latencyMs} ms`) : '';
  const err = r.errorCode ? c.red(`${printable(r.errorCode)}${r.errorDescription ? `: ${printable(r.errorDescription)}` : ''} `) : '';
  let body = printable(JSON.stringify(r.payload) ?? '');
  if (!opts.verbose && body.length > SHORT_PAYLOAD) body = body.slice(0, SHORT_PAYLOAD - 1) + '…';
  return `${c.dim(time)}  ${paint(arrow)}  ${paint(name.padEnd(40))} ${latency.padEnd(opts.color ? 18 : 8)} ${err}${c.dim(`#${printable(r.messageId ?? '')}`)} ${body}  ${where}`;
}
