export { makeReport, summarize, compareDiagnostics, severityRank } from './diagnostic.js';
export type { Diagnostic, Severity, Summary, Report, Related } from './diagnostic.js';
export { formatters, FORMATS, applyThreshold } from './formatters/index.js';
export type { Formatter, FormatContext, FormatName, RuleInfo, HiddenCount } from './formatters/index.js';
export { jsonPieces } from './formatters/json.js';
export {
  redactSecrets,
  redactBlob,
  redactJson,
  redactJsonText,
  redactJsonSource,
  redactDiagnostics,
  maskedValues,
  maskSecret,
  isSecretVariable,
  isSecretField,
  isLegacyBlob,
  collectSecrets,
  secretsOfJsonText,
  SecretRedactor,
} from './redact.js';
export type { SecretContext } from './redact.js';
