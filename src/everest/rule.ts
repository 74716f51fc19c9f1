import type { Severity } from '../diagnostics/diagnostic.js';
import type { ConfigTree, Position, SourceFile } from '../model/index.js';
import type { DeviceModelLocation, EverestConfig, ModuleEntry } from './config.js';
import type { EverestFacts } from './facts.js';

/** Where a finding points: a JSON pointer into the EVerest YAML, or into a device-model file. */
export type EverestPlace = { pointer: string; atKey?: boolean } | { file: SourceFile; pointer: string; atKey?: boolean };

export interface EverestFinding {
  at: EverestPlace;
  message: string;
  hint?: string;
  severity?: Severity;
  related?: (EverestPlace & { message: string })[];
  /** Where exactly, when no pointer can say (a syntax error in a file that did not parse). */
  position?: Position & { file: string };
}

export interface EverestRuleContext {
  config: EverestConfig;
  /** The OCPP 2.x modules (OCPP201, OCPPmulti) of the config. */
  ocpp: ModuleEntry[];
  facts: EverestFacts;
  /** The device model checked with the config, when there is one. */
  tree?: ConfigTree;
  deviceModel?: DeviceModelLocation;
  /** The EVerest prefix (--everest-prefix, else settings.prefix), absolute; undefined when unknown. */
  prefix?: string;
  report(finding: EverestFinding): void;
}

export interface EverestRule {
  id: string;
  severity: Severity;
  /** One line, shown in SARIF, the README table and `ocppctl explain`. */
  description: string;
  check(ctx: EverestRuleContext): void;
}

export const defineEverestRule = (rule: EverestRule): EverestRule => rule;
