import type { Formatter } from './formatter.js';
import { json } from './json.js';
import { github } from './github.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];
export const formatters: Record<FormatName, Formatter> = { stylish, json, sarif, github };
export type { Formatter, FormatContext, RuleInfo } from './formatter.js';
export { applyThreshold } from './threshold.js';
export type { HiddenCount } from './threshold.js';
