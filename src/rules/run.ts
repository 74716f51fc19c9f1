import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { severityRank, UNLOCATED } from '../diagnostics/diagnostic.js';
import { assembleTree, locateFast } from '../model/index.js';
import type { ConfigTree, SourceFile } from '../model/index.js';
import type { Finding, Rule, Target } from './rule.js';

/**
 * Runs the rules that apply to `target` on one tree. A rule that throws becomes an error diagnostic, never a
 * crash, and is not switched off for the whole tree: the file it fails on is found and named, and its findings
 * on the other files are still reported.
 */
export function runRules(tree: ConfigTree, rules: readonly Rule[], target: Target, locateFrom: Severity = 'info'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const located = severityRank(locateFrom);
  for (const rule of rules) {
    if (rule.targets && !rule.targets.includes(target)) continue;
    const findings: Finding[] = [];
    try {
      rule.check({ tree, target, report: (f) => findings.push(f) });
    } catch (err) {
      const culprit = isolate(tree, rule, target);
      findings.length = 0;
      if (culprit) findings.push(...culprit.findings);
      out.push({
        ruleId: rule.id,
        severity: 'error',
        message: culprit
          ? `rule ${rule.id} failed on this file (${(err as Error).message}), so the file is not checked by it; please report this`
          : `rule ${rule.id} failed on this tree (${(err as Error).message}); please report this`,
        file: culprit ? culprit.file.file : tree.displayRoot,
        pointer: '',
        line: 1,
        column: 1,
      });
    }
    for (const f of findings) out.push(toDiagnostic(rule, f, located));
  }
  return out;
}

// Locating a finding (line and column from the JSON pointer) is most of what a finding costs, and EVerest's
// config alone has 158 infos that the default output only counts: a finding below `located` keeps line 0.
function toDiagnostic(rule: Rule, f: Finding, located: number): Diagnostic {
  const severity = f.severity ?? rule.severity;
  const locate = severityRank(severity) <= located;
  const pos = f.position ?? (locate ? locateFast(f.file, f.pointer, { key: f.atKey }) : UNLOCATED);
  const d: Diagnostic = {
    ruleId: rule.id,
    severity,
    message: f.message,
    file: f.file.file,
    pointer: f.pointer,
    line: pos.line,
    column: pos.column,
    endLine: pos.endLine,
    endColumn: pos.endColumn,
  };
  if (f.hint) d.hint = f.hint;
  if (f.related?.length)
    d.related = f.related.map((r) => {
      const p = locate ? locateFast(r.file, r.pointer) : UNLOCATED;
      return { file: r.file.file, pointer: r.pointer, line: p.line, column: p.column, message: r.message };
    });
  return d;
}

// Only after a rule threw: the first file without which the rule runs through. Its findings on that smaller
// tree are the rule's findings on the other files.
function isolate(tree: ConfigTree, rule: Rule, target: Target): { file: SourceFile; findings: Finding[] } | undefined {
  for (const file of tree.files) {
    const rest = assembleTree({ ...tree, files: tree.files.filter((f) => f !== file), components: [], effective: [] });
    const findings: Finding[] = [];
    try {
      rule.check({ tree: rest, target, report: (f) => findings.push(f) });
      return { file, findings };
    } catch {
      // not this file
    }
  }
  return undefined;
}
