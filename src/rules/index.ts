export { rules } from './registry.js';
export { runRules } from './run.js';
export { validate, validateTree } from './validate.js';
export type { ValidateOptions, TreeResult } from './validate.js';
export { defineRule, docsUrl, TARGETS, ocppVersionOf } from './rule.js';
export type { Rule, RuleContext, Finding, Target } from './rule.js';
