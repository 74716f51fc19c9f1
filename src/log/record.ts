// What the log reader hands on: one item per frame, SYS line, security event or damaged stretch of a file.

export type Origin = 'ChargePoint' | 'CentralSystem' | 'SYS';
export type LogVersion = '1.6' | '2.0.1' | '2.1';

/** One frame (or SYS line) of a libocpp message log, as `log show --format json` prints it. */
export interface LogRecord {
  /** Relative to the working directory, forward slashes. */
  file: string;
  /** 1-based line of the frame's header (the `<tr` line in HTML). */
  line: number;
  /** RFC 3339 as written by libocpp; null when unreadable. */
  time: string | null;
  from: Origin;
  /** 2 CALL, 3 CALLRESULT, 4 CALLERROR (5, 6 in 2.1); null for SYS lines. */
  messageTypeId: 2 | 3 | 4 | 5 | 6 | null;
  messageId: string | null;
  /** The CALL's action; for an answer the action of the CALL it answers (null when that CALL was not seen). */
  action: string | null;
  /** The payload; CALLERROR details; null for SYS lines. */
  payload: unknown;
  /** For an answer: milliseconds since its CALL. */
  latencyMs: number | null;
  /** CALLERROR code and description. */
  errorCode?: string;
  errorDescription?: string;
  /** SYS lines: the text. */
  text?: string;
}

/** A line of a security log: libocpp writes one SecurityEventNotificationRequest per line. */
export interface SecurityEvent {
  file: string;
  line: number;
  time: string | null;
  type: string;
  techInfo?: string;
}

/** A part of a file that is not a frame: located, never thrown. */
export interface LogDefect {
  file: string;
  line: number;
  message: string;
}

export type LogFormat = 'log' | 'raw-log' | 'html' | 'raw-html' | 'security';

export interface LogFileInfo {
  file: string;
  path: string;
  format: LogFormat;
  /** Session name: the file name without format and rotation suffix. */
  session: string;
  bytes: number;
}

export type LogItem =
  | { kind: 'file'; info: LogFileInfo; session: SessionInfo }
  | { kind: 'frame'; record: LogRecord }
  | { kind: 'security'; event: SecurityEvent }
  | { kind: 'defect'; defect: LogDefect };

export interface SessionInfo {
  name: string;
  version: LogVersion;
  /** How the version was found: `--ocpp`, or what in the payloads (or the file name) gave it away. */
  versionSource: string;
  /** 'given' (--ocpp), 'sure' (a payload only that version has), 'likely', 'guess' (nothing decisive seen). */
  certainty: 'given' | 'sure' | 'likely' | 'guess';
}
