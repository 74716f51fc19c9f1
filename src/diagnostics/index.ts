export { makeReport, summarize, compareDiagnostics, severityRank } from './diagnostic.js';
export type { Diagnostic, Severity, Summary, Report, Related } from './diagnostic.js';
export { formatters, FORMATS } from './formatters/index.js';
export type { Formatter, FormatContext, FormatName, RuleInfo } from './formatters/index.js';
