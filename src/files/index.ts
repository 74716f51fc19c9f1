export { writeAtomic } from './atomic-write.js';
export { makeDirs } from './make-dirs.js';
export { siblingPath } from './sibling-path.js';
export {
  applyPlan,
  recoverPlan,
  findInterruptedChange,
  assertNoInterruptedChange,
  journalPath,
  parseJournal,
  JOURNAL,
} from './file-plan.js';
export type { FilePlan, FileChange, InterruptedChange, ApplyOptions } from './file-plan.js';
export { acquireTreeLock, LOCK } from './tree-lock.js';
export type { TreeLock } from './tree-lock.js';
export { environmentError } from './environment-error.js';
export { holdsSecret } from './secret-content.js';
export { writeNewFile, writeNewFileSync } from './new-file.js';
export { renderPlanDiff } from './plan-diff.js';
export { nodeAt, setJsonValue, applyTextEdits } from './json-text-edit.js';
export type { TextEdit } from './json-text-edit.js';
