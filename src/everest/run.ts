import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { severityRank, UNLOCATED } from '../diagnostics/diagnostic.js';
import { locateFast } from '../model/index.js';
import { fileWith, locateIn } from './config.js';
import type { EverestFinding, EverestPlace, EverestRule, EverestRuleContext } from './rule.js';

function place(ctx: Omit<EverestRuleContext, 'report'>, at: EverestPlace) {
  if ('file' in at) {
    const p = locateFast(at.file, at.pointer, { key: at.atKey });
    return { file: at.file.file, pointer: at.pointer, position: p };
  }
  const { file, position } = locateIn(ctx.config, at.pointer, { key: at.atKey });
  return { file, pointer: at.pointer, position };
}

/** Runs the EVerest rules; a rule that throws becomes a diagnostic, never a crash. */
export function runEverestRules(
  base: Omit<EverestRuleContext, 'report'>,
  rules: readonly EverestRule[],
  locateFrom: Severity = 'info',
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const report = (f: EverestFinding) => {
      const severity = f.severity ?? rule.severity;
      // a finding the output only counts is not located (line 0), as in src/rules/run.ts
      const locate = severityRank(severity) <= severityRank(locateFrom);
      const { file, pointer, position } = f.position
        ? { file: f.position.file, pointer: f.at.pointer, position: f.position }
        : locate
          ? place(base, f.at)
          : {
              file: 'file' in f.at ? f.at.file.file : fileWith(base.config, f.at.pointer).file,
              pointer: f.at.pointer,
              position: UNLOCATED,
            };
      const d: Diagnostic = {
        ruleId: rule.id,
        severity,
        message: f.message,
        file,
        pointer,
        line: position.line,
        column: position.column,
        endLine: position.endLine,
        endColumn: position.endColumn,
      };
      if (f.hint) d.hint = f.hint;
      if (f.related?.length)
        d.related = f.related.map((r) => {
          const p = place(base, r);
          return { file: p.file, pointer: p.pointer, line: p.position.line, column: p.position.column, message: r.message };
        });
      out.push(d);
    };
    try {
      rule.check({ ...base, report });
    } catch (err) {
      out.push({
        ruleId: rule.id,
        severity: 'error',
        message: `rule ${rule.id} failed on this config (${(err as Error).message}); please report this`,
        file: base.config.main.file,
        pointer: '',
        line: 1,
        column: 1,
      });
    }
  }
  return out;
}
