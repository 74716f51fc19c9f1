import { joinPointer } from '../model/index.js';
import type { ModuleEntry } from './config.js';
import type { EverestFacts } from './facts.js';

/** A module's config value as the module sees it: the YAML's, else the manifest's default. */
export function effective(
  m: ModuleEntry,
  key: string,
  facts: EverestFacts,
): { value: unknown; from: 'yaml' | 'default' | 'none'; pointer: string } {
  if (key in m.config) return { value: m.config[key], from: 'yaml', pointer: joinPointer(m.pointer, 'config_module', key) };
  const f = facts.modules[m.type]?.config[key];
  if (f && 'default' in f) return { value: f.default, from: 'default', pointer: m.pointer };
  return { value: undefined, from: 'none', pointer: m.pointer };
}

/** The evse a requirement's target maps to: mapping.implementations.<impl>.evse, else mapping.module.evse. */
export function mappedEvse(target: ModuleEntry, implementationId: string): number | undefined {
  const mapping = target.raw.mapping as { implementations?: Record<string, { evse?: unknown }> } | undefined;
  const impl = mapping?.implementations?.[implementationId]?.evse;
  if (Number.isInteger(impl)) return impl as number;
  return target.evse;
}
