// Loaded only when a command names an EVerest config (validate --everest-config, everest show): the device-model
// commands never pay for it.
export { validateEverest } from './validate.js';
export type { EverestValidateOptions } from './validate.js';
export { everestRules } from './registry.js';
export { loadEverestConfig } from './config.js';
export type { EverestConfig, ModuleEntry } from './config.js';
export type { EverestRule } from './rule.js';
export { showEverest, formatShow } from './show.js';
export type { EverestShow } from './show.js';
