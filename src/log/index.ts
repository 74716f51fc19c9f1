// Message logs libocpp writes (.log, _raw.log, .html, .security.log, rotated, whole folders): read, paired,
// checked, summarised; and written, from the test CSMS's side.
export type { LogRecord, SecurityEvent, LogDefect, LogFileInfo, LogFormat, LogItem, LogVersion, Origin, SessionInfo } from './record.js';
export { readLogs } from './reader.js';
export type { ReadItem, ReadOptions, ReadResult, PairingEvent } from './reader.js';
export { findLogFiles, classify } from './files.js';
export { RecordFilter, redactRecord, stylishLine, transactionOf, evseOf } from './show.js';
export type { ShowFilter } from './show.js';
export { checkLogs, LOG_RULES, CRITICAL_SECURITY_EVENTS } from './check.js';
export type { CheckOptions } from './check.js';
export { summarizeLogs, formatSummary } from './summary.js';
export type { SessionSummary } from './summary.js';
export { LibocppLogWriter, securityLine, libocppTime } from './writer.js';
export type { WriterFormat } from './writer.js';
