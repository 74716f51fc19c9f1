export { initDb } from './init-db.js';
export type { InitDbOptions, InitDbResult } from './init-db.js';
export { planUpdate } from './update-plan.js';
export type { UpdatePlan, PlanEntry, Action } from './update-plan.js';
export { readLibocppConfig } from './libocpp-config.js';
export type { DmComponent, DmVariable, LibocppConfig } from './libocpp-config.js';
export { readDbState } from './db-state.js';
export { SCHEMA_VERSION, createSchema } from './schema.js';
export { renderPlan, redactPlanEntries } from './plan-text.js';
