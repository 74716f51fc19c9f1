import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { locateFast } from '../model/index.js';
import type { ConfigTree } from '../model/index.js';
import type { Rule, Target } from './rule.js';

/** Runs the rules that apply to `target` on one tree; a rule that throws becomes a diagnostic, never a crash. */
export function runRules(tree: ConfigTree, rules: readonly Rule[], target: Target): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (rule.targets && !rule.targets.includes(target)) continue;
    try {
      rule.check({
        tree,
        target,
        report(f) {
          const pos = f.position ?? locateFast(f.file, f.pointer, { key: f.atKey });
          const d: Diagnostic = {
            ruleId: rule.id,
            severity: f.severity ?? rule.severity,
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
              const p = locateFast(r.file, r.pointer);
              return { file: r.file.file, pointer: r.pointer, line: p.line, column: p.column, message: r.message };
            });
          out.push(d);
        },
      });
    } catch (err) {
      out.push({
        ruleId: rule.id,
        severity: 'error',
        message: `rule ${rule.id} failed on this tree (${(err as Error).message}); please report this`,
        file: tree.displayRoot,
        pointer: '',
        line: 1,
        column: 1,
      });
    }
  }
  return out;
}
