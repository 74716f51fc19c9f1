import type { Diagnostic } from '../diagnostics/index.js';
import type { FilePlan } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import { validateTree } from '../rules/index.js';
import type { Target } from '../rules/index.js';
import { treeAfter } from '../slots/would-be-tree.js';

export interface PlanCheck {
  /** Errors the change would introduce; the change is refused when there are any. */
  introduced: Diagnostic[];
  /** Errors already in the tree before the change; reported, not blamed on it. */
  existing: Diagnostic[];
  /** Warnings the change would introduce; printed, never refused. */
  warnings: Diagnostic[];
}

const sameFinding = (a: Diagnostic, b: Diagnostic) =>
  a.ruleId === b.ruleId && a.file === b.file && a.pointer === b.pointer && a.message === b.message;

/** Runs the real validate rules on the tree before and after the plan. */
export function checkPlan(tree: ConfigTree, plan: FilePlan, target: Target = 'libocpp'): PlanCheck {
  const findings = (t: ConfigTree) => validateTree(t, { target }).filter((d) => d.severity !== 'info');
  const before = findings(tree);
  const after = findings(treeAfter(tree, plan));
  const isNew = (d: Diagnostic) => !before.some((b) => sameFinding(b, d));
  return {
    introduced: after.filter((d) => d.severity === 'error' && isNew(d)),
    existing: after.filter((d) => d.severity === 'error' && !isNew(d)),
    warnings: after.filter((d) => d.severity === 'warning' && isNew(d)),
  };
}
