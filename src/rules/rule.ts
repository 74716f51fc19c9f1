import type { Severity } from '../diagnostics/diagnostic.js';
import type { ConfigTree, Position, SourceFile } from '../model/index.js';

export const TARGETS = ['libocpp', 'spec-2.0.1', 'spec-2.1'] as const;
export type Target = (typeof TARGETS)[number];

/** The OCPP release a target checks against; libocpp runs both, so it gets the most permissive answers. */
export const ocppVersionOf = (target: Target): '2.0.1' | '2.1' | undefined =>
  target === 'spec-2.0.1' ? '2.0.1' : target === 'spec-2.1' ? '2.1' : undefined;

export interface Finding {
  file: SourceFile;
  /** RFC 6901 pointer into the file; the runner turns it into line and column. */
  pointer: string;
  message: string;
  hint?: string;
  /** Overrides the rule's default severity for this one finding. */
  severity?: Severity;
  /** Point at the property name instead of its value. */
  atKey?: boolean;
  /** Where exactly, when the pointer cannot say (a syntax error in a file that did not parse). */
  position?: Position;
  related?: { file: SourceFile; pointer: string; message: string }[];
}

export interface RuleContext {
  tree: ConfigTree;
  target: Target;
  report(finding: Finding): void;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line, shown in SARIF and `ocppctl explain`. */
  description: string;
  /** Targets the rule runs under; all when absent. */
  targets?: readonly Target[];
  check(ctx: RuleContext): void;
}

export const defineRule = (rule: Rule): Rule => rule;

export const DOCS_BASE = 'https://github.com/ocppctl/ocppctl/blob/main/docs/rules/';
export const docsUrl = (id: string) => `${DOCS_BASE}${id}.md`;
