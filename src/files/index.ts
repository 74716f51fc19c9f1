export { writeAtomic } from './atomic-write.js';
export { siblingPath } from './sibling-path.js';
export { applyPlan, recoverPlan, findInterruptedChange, assertNoInterruptedChange, journalPath, JOURNAL } from './file-plan.js';
export type { FilePlan, FileChange, InterruptedChange } from './file-plan.js';
export { renderPlanDiff } from './plan-diff.js';
export { nodeAt, setJsonValue, applyTextEdits } from './json-text-edit.js';
export type { TextEdit } from './json-text-edit.js';
