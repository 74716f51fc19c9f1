import type { Report } from '../diagnostic.js';

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
}

export type Formatter = (report: Report, ctx: FormatContext) => string;
