import type { Diagnostic, Related, Report, Severity } from '../diagnostics/diagnostic.js';
import { makeReport } from '../diagnostics/diagnostic.js';
import type { RuleInfo } from '../diagnostics/formatters/formatter.js';
import { printable } from '../protocol/log-text.js';
import type { MessageSchemas } from '../protocol/validation.js';
import type { LogRecord, LogVersion, SecurityEvent, SessionInfo } from './record.js';
import type { ReadItem, ReadResult } from './reader.js';
import { readLogs } from './reader.js';

export const LOG_RULES: readonly RuleInfo[] = [
  {
    id: 'log-syntax',
    severity: 'error',
    description: 'A line or frame of the log is not what libocpp writes (damaged, cut off, not OCPP-J)',
  },
  { id: 'log-schema', severity: 'error', description: 'A payload does not match the OCPP JSON schema of its message' },
  { id: 'log-unanswered', severity: 'error', description: 'A CALL was never answered' },
  { id: 'log-unknown-answer', severity: 'warning', description: 'An answer whose CALL is not in the log' },
  { id: 'log-callerror', severity: 'warning', description: 'A CALL was answered with a CALLERROR' },
  { id: 'log-concurrent-call', severity: 'error', description: 'A second CALL was sent while one was outstanding (OCPP-J allows one)' },
  { id: 'log-slow-answer', severity: 'warning', description: 'An answer came later than MessageTimeout' },
  { id: 'log-boot-not-accepted', severity: 'error', description: 'The station sent other CALLs while its boot was Pending or Rejected' },
  { id: 'log-security-event', severity: 'info', description: 'The station logged a critical security event' },
].map((r) => ({ ...r, severity: r.severity as Severity, helpUri: `https://github.com/ocppctl/ocppctl/blob/main/docs/log.md#${r.id}` }));

// OCPP 2.0.1 Appendix 1 (security events): the ones marked critical, which a station also sends to the CSMS
export const CRITICAL_SECURITY_EVENTS = new Set([
  'FirmwareUpdated',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'MemoryExhaustion',
  'TamperDetectionActivated',
  'MaintenanceLoginAccepted',
  'MaintenanceLoginFailed',
]);

export interface CheckOptions {
  cwd: string;
  ocpp?: LogVersion;
  /** MessageTimeout in seconds (libocpp's default 30). */
  messageTimeout?: number;
  onProgress?: (done: number, total: number) => void;
}

type Schemas = Pick<MessageSchemas, 'has' | 'check'>;

async function schemasFor(version: LogVersion): Promise<Schemas> {
  return (await import('../protocol/validation.js')).loadSchemas(version);
}

const MAX_PER_RULE = 1000;

const ms = (t: string | null) => (t === null ? NaN : Date.parse(t));

/** Reads the logs and checks every frame; findings sit at the frame's header line. */
export async function checkLogs(inputs: string[], opts: CheckOptions): Promise<Report & { read: ReadResult }> {
  const timeoutMs = (opts.messageTimeout ?? 30) * 1000;
  const diags: Diagnostic[] = [];
  const schemas = new Map<LogVersion, Schemas>();
  let current: Schemas | undefined;
  let session: SessionInfo | undefined;
  let boot: { status: string; line: number; file: string; instructed: boolean } | undefined;

  // a log damaged throughout (a binary file, the wrong format) must not turn into millions of findings held in
  // memory: past MAX_PER_RULE findings of one rule in one file, the rest are counted
  const perRule = new Map<string, { count: number; severity: Severity; line: number }>();
  const at = (
    r: { file: string; line: number },
    ruleId: string,
    severity: Severity,
    message: string,
    related?: Related[],
    hint?: string,
  ) => {
    const key = `${r.file}\n${ruleId}`;
    const seen = perRule.get(key) ?? { count: 0, severity, line: r.line };
    perRule.set(key, seen);
    if (++seen.count > MAX_PER_RULE) {
      // the count sits at the first finding it stands for
      if (seen.count === MAX_PER_RULE + 1) seen.line = r.line;
      return;
    }
    diags.push({
      ruleId,
      severity,
      message,
      file: r.file,
      pointer: '',
      line: r.line,
      column: 1,
      ...(hint ? { hint } : {}),
      ...(related ? { related } : {}),
    });
  };
  const rel = (r: LogRecord, message: string): Related[] => [{ file: r.file, pointer: '', line: r.line, column: 1, message }];
  const name = (r: LogRecord) => printable(r.action ?? '?');

  const frame = (r: LogRecord) => {
    if (r.from === 'SYS') {
      if (/^Session logging started/.test(r.text ?? '')) boot = undefined;
      return;
    }
    const t = r.messageTypeId;
    if (current && r.action !== null && (t === 2 || t === 3 || t === 6)) {
      const v = current.check(r.action, t === 3 ? 'Response' : 'Request', r.payload as Record<string, unknown>);
      // an inferred version may be the wrong one: say so where it matters
      const hint =
        session && session.certainty !== 'given'
          ? `OCPP ${session.version} was ${session.certainty === 'guess' ? 'assumed' : 'inferred'} (${session.versionSource}); give --ocpp if the station speaks another version`
          : undefined;
      // an unknown action is reported at its CALL, not again at the answer
      if (v?.code === 'NotImplemented') {
        if (t !== 3) at(r, 'log-schema', 'error', printable(v.message), undefined, hint);
      } else if (v)
        at(
          r,
          'log-schema',
          'error',
          `${name(r)}${t === 3 ? 'Response' : 'Request'}: ${v.message} (OCPP ${session?.version})`,
          undefined,
          hint,
        );
    }
    if (t === 4 || t === 5) {
      const desc = r.errorDescription ? `: ${printable(r.errorDescription.slice(0, 200))}` : '';
      at(
        r,
        'log-callerror',
        'warning',
        `${r.from} answered ${r.action ? name(r) : 'a CALL not in the log'} with CALLERROR ${printable(r.errorCode ?? '?')}${desc}`,
      );
    }
    if ((t === 3 || t === 4) && r.latencyMs !== null && r.latencyMs > timeoutMs)
      at(
        r,
        'log-slow-answer',
        'warning',
        `the answer to ${name(r)} came after ${(r.latencyMs / 1000).toFixed(1)} s, later than MessageTimeout (${timeoutMs / 1000} s)`,
      );
    // boot: B01-B03 (2.x), 4.2 (1.6): while Pending only what the CSMS asks for, while Rejected nothing but a new boot
    if (r.from === 'CentralSystem' && t === 3 && r.action === 'BootNotification') {
      const status = (r.payload as { status?: unknown })?.status;
      boot = status === 'Accepted' ? undefined : { status: String(status), line: r.line, file: r.file, instructed: false };
    } else if (boot && r.from === 'CentralSystem' && t === 2) boot.instructed = true;
    else if (
      boot &&
      r.from === 'ChargePoint' &&
      t === 2 &&
      r.action !== 'BootNotification' &&
      !(boot.status === 'Pending' && boot.instructed)
    )
      at(r, 'log-boot-not-accepted', 'error', `the station sent ${name(r)} while its boot was ${printable(boot.status)}`, [
        { file: boot.file, pointer: '', line: boot.line, column: 1, message: `BootNotification answered ${printable(boot.status)}` },
      ]);
  };

  const onItem = (item: ReadItem) => {
    switch (item.kind) {
      case 'file':
        if (session !== item.session) boot = undefined;
        session = item.session;
        current = schemas.get(item.session.version);
        return;
      case 'frame':
        return frame(item.record);
      case 'defect':
        return at(item.defect, 'log-syntax', 'error', item.defect.message);
      case 'security':
        return security(item.event);
      case 'orphan':
        return at(
          item.answer,
          'log-unknown-answer',
          'warning',
          `${item.answer.from} answered message id "${printable(item.answer.messageId ?? '')}", which no CALL in the log has`,
        );
      case 'overlap': {
        const gap = ms(item.call.time) - ms(item.waiting.time);
        // past MessageTimeout the sender has given up on the first CALL (that one is reported as unanswered)
        if (gap < timeoutMs)
          at(
            item.call,
            'log-concurrent-call',
            'error',
            `${item.call.from} sent ${name(item.call)} while its ${name(item.waiting)} still waited for an answer; OCPP-J allows one CALL at a time`,
            rel(item.waiting, `the ${name(item.waiting)} CALL still waiting`),
          );
        return;
      }
      case 'unanswered': {
        const age = ms(item.last) - ms(item.call.time);
        if (age < timeoutMs)
          at(
            item.call,
            'log-unanswered',
            'info',
            `${item.call.from}'s ${name(item.call)} was still waiting for its answer when the log ends`,
          );
        else at(item.call, 'log-unanswered', 'error', `${item.call.from}'s ${name(item.call)} was never answered`);
        return;
      }
    }
  };
  const security = (e: SecurityEvent) => {
    if (CRITICAL_SECURITY_EVENTS.has(e.type))
      at(
        e,
        'log-security-event',
        'info',
        `critical security event ${printable(e.type)}${e.time ? ` at ${printable(e.time)}` : ''}${e.techInfo ? `: ${printable(e.techInfo.slice(0, 200))}` : ''}`,
      );
  };

  const read = await readLogs(
    inputs,
    {
      cwd: opts.cwd,
      ...(opts.ocpp ? { ocpp: opts.ocpp } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      beforeSession: async (info) => {
        if (!schemas.has(info.version)) schemas.set(info.version, await schemasFor(info.version));
      },
    },
    onItem,
  );
  for (const [key, { count, severity, line }] of perRule)
    if (count > MAX_PER_RULE) {
      const [file, ruleId] = key.split('\n');
      diags.push({
        ruleId,
        severity,
        message: `${count - MAX_PER_RULE} more ${ruleId} findings in this file from here on, not listed (the first ${MAX_PER_RULE} are)`,
        file,
        pointer: '',
        line,
        column: 1,
      });
    }
  return { ...makeReport(diags, read.files.length), read };
}
