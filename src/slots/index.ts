export { planAddSlot, nextFreeSlot, settingsProblem } from './add-slot.js';
export type { SlotSettings, PriorityPlacement, AddSlotResult } from './add-slot.js';
export { checkPlan } from './check-plan.js';
export type { PlanCheck } from './check-plan.js';
export { treeAfter } from './would-be-tree.js';
export { renderSlotFile } from './slot-template.js';
export { readPriorityState, editPriority } from './priority-edit.js';
export { slotComponents, slotFileName, actualText, variableOf, priorityVariable, slotNumbers, slotTokens, EditSet } from './slot-tree.js';
export { SECURITY_PROFILES, INTERFACES, TRANSPORTS, urlProblem, identityProblem, passwordProblem } from './slot-input.js';
