export type Severity = 'error' | 'warning' | 'info';

export interface Related {
  file: string;
  pointer: string;
  line: number;
  column: number;
  message: string;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  /** What is wrong and what is expected; no final period. Never contains a secret value. */
  message: string;
  /** Relative to the working directory, forward slashes. */
  file: string;
  /** RFC 6901; '' is the whole document. */
  pointer: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  hint?: string;
  related?: Related[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}

export interface Report {
  diagnostics: Diagnostic[];
  summary: Summary;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const severityRank = (s: Severity) => RANK[s];

/**
 * The place of a finding that was not located because the output will not list it (it is below the report's
 * threshold and only counted): line and column 0, which no located finding has.
 */
export const UNLOCATED = { line: 0, column: 0, endLine: undefined, endColumn: undefined } as const;

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    RANK[a.severity] - RANK[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function summarize(diagnostics: readonly Diagnostic[], files: number): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0, files };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

export function makeReport(diagnostics: Diagnostic[], files: number): Report {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  return { diagnostics: sorted, summary: summarize(sorted, files) };
}
