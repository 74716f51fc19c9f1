import type { Diagnostic, Report, Severity } from '../diagnostic.js';
import { severityRank } from '../diagnostic.js';

/** Findings of one rule and severity that the threshold left out of the output. */
export interface HiddenCount {
  ruleId: string;
  severity: Severity;
  count: number;
}

/**
 * Keeps the findings at or above `min` (error > warning > info) and counts the others per rule. The summary keeps
 * the true counts: a threshold changes what is listed, never what was found.
 */
export function applyThreshold(report: Report, min: Severity): { report: Report; hidden: HiddenCount[] } {
  const limit = severityRank(min);
  if (limit === severityRank('info')) return { report, hidden: [] };
  const shown: Diagnostic[] = [];
  const counts = new Map<string, HiddenCount>();
  for (const d of report.diagnostics) {
    if (severityRank(d.severity) <= limit) {
      shown.push(d);
      continue;
    }
    const key = `${d.severity}\0${d.ruleId}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { ruleId: d.ruleId, severity: d.severity, count: 1 });
  }
  const hidden = [...counts.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) || b.count - a.count || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return { report: { diagnostics: shown, summary: report.summary }, hidden };
}
