import type { Report } from '../diagnostic.js';
import type { HiddenCount } from './threshold.js';

export interface RuleInfo {
  id: string;
  severity: 'error' | 'warning' | 'info';
  description: string;
  helpUri: string;
}

export interface FormatContext {
  /** Colour functions; identity when colour is off. */
  color: boolean;
  /** The rules that ran, for formats that list them (SARIF). */
  rules: readonly RuleInfo[];
  toolVersion: string;
  /** Findings below the severity threshold, counted per rule; stylish prints one line for each. */
  hidden?: readonly HiddenCount[];
  /** How to see the hidden findings, e.g. "--verbose shows them". */
  showHidden?: string;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;
