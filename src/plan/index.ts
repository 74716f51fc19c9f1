// The writing layer's judge: a planned change checked with the real rules on the tree it would leave. It sits above
// both the rules and the slot plans, so neither imports the other.
export { checkPlan } from './check-plan.js';
export type { PlanCheck } from './check-plan.js';
