import type { Formatter } from './formatter.js';

// The stable machine interface: { diagnostics: Diagnostic[], summary }. Key order is fixed for golden files.
export const json: Formatter = (report) =>
  JSON.stringify(
    {
      diagnostics: report.diagnostics.map((d) => ({
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
      })),
      summary: report.summary,
    },
    null,
    2,
  );
