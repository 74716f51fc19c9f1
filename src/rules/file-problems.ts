import type { FileProblem } from '../model/index.js';
import type { RuleContext } from './rule.js';

// The loader finds syntax problems and duplicate keys while parsing; these rules only report them.
export function reportFileProblems(ctx: RuleContext, ruleId: FileProblem['ruleId']) {
  for (const file of ctx.tree.files)
    for (const p of file.problems)
      if (p.ruleId === ruleId)
        ctx.report({ file, pointer: p.pointer, message: p.message, hint: p.hint, atKey: ruleId === 'duplicate-key', position: p.position });
}
