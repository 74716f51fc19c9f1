import type { Diagnostic, Report } from '../diagnostic.js';
import type { Formatter } from './formatter.js';
import { jsonChunks } from './json-chunks.js';

const toJson = (d: Diagnostic) => ({
  ruleId: d.ruleId,
  severity: d.severity,
  message: d.message,
  file: d.file,
  pointer: d.pointer,
  line: d.line,
  column: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
  hint: d.hint,
  related: d.related,
});

// The stable machine interface: { diagnostics: Diagnostic[], summary }. Key order is fixed for golden files.
// In pieces, for writers that stream (a fleet's report has tens of megabytes); `json` joins them.
export const jsonPieces = (report: Report) =>
  jsonChunks({ diagnostics: report.diagnostics, summary: report.summary }, 'diagnostics', report.diagnostics, toJson);

export const json: Formatter = (report) => [...jsonPieces(report)].join('');
