import { joinPointer } from '../../model/index.js';
import type { ConfigKeyFacts } from '../facts.js';
import { defineEverestRule } from '../rule.js';
import type { EverestRuleContext } from '../rule.js';

// Secret values never enter a message (EvseSecurity's private_key_password, API keys, …)
const SECRET = /pass|secret|token|key$/i;

function problem(key: string, value: unknown, f: ConfigKeyFacts): string | undefined {
  const shown = SECRET.test(key) ? 'the value' : JSON.stringify(value);
  const ok = f.type === 'integer' ? Number.isInteger(value) : f.type === 'number' ? typeof value === 'number' : typeof value === f.type;
  if (!ok)
    return `${shown} is ${typeof value === 'number' && f.type === 'integer' ? 'not a whole number' : `a ${typeof value}`}, the manifest declares ${f.type}${typeof value === 'string' && f.type !== 'string' ? ' (quotes make a string in YAML)' : ''}`;
  if (f.enum && !f.enum.includes(value)) return `${shown} is not one of ${f.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (typeof value === 'number' && f.minimum !== undefined && value < f.minimum) return `${shown} is below the minimum ${f.minimum}`;
  if (typeof value === 'number' && f.maximum !== undefined && value > f.maximum) return `${shown} is above the maximum ${f.maximum}`;
  if (typeof value === 'string' && f.pattern !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(f.pattern, 'u');
    } catch {
      return undefined;
    }
    if (!re.test(value)) return `${shown} does not match the pattern ${f.pattern}`;
  }
  return undefined;
}

function checkMap(
  ctx: EverestRuleContext,
  where: string,
  pointer: string,
  values: Record<string, unknown>,
  schema: Record<string, ConfigKeyFacts>,
  missingAt: string,
) {
  for (const [key, f] of Object.entries(schema)) {
    if (!(key in values)) {
      if (!('default' in f))
        ctx.report({
          at: { pointer: missingAt, atKey: true },
          message: `${where} has no "${key}", which its manifest requires (no default); EVerest stops with "Missing mandatory config entry '${key}'"`,
          hint: `add ${key} (${f.type}) to ${missingAt.split('/').slice(2).join('.')}`,
        });
      continue;
    }
    const why = problem(key, values[key], f);
    if (why)
      ctx.report({
        at: { pointer: joinPointer(pointer, key) },
        message: `${where}: ${key}: ${why}; EVerest stops with "Schema validation for config entry '${key}' failed"`,
      });
  }
}

export default defineEverestRule({
  id: 'everest-config-value',
  severity: 'error',
  description:
    'Every config_module and config_implementation value matches its manifest (type, enum, minimum, maximum, pattern) and no mandatory key is missing',
  check(ctx) {
    for (const m of ctx.config.modules.values()) {
      const facts = ctx.facts.modules[m.type];
      if (!facts) continue;
      const cm = joinPointer(m.pointer, 'config_module');
      checkMap(ctx, `${m.id} (${m.type})`, cm, m.config, facts.config, 'config_module' in m.raw ? cm : m.pointer);
      for (const [impl, p] of Object.entries(facts.provides)) {
        const ip = joinPointer(m.pointer, 'config_implementation', impl);
        checkMap(ctx, `${m.id}.${impl}`, ip, m.configImpl[impl] ?? {}, p.config, impl in m.configImpl ? ip : m.pointer);
      }
      for (const impl of Object.keys(m.configImpl))
        if (!facts.provides[impl])
          ctx.report({
            at: { pointer: joinPointer(m.pointer, 'config_implementation', impl), atKey: true },
            message: `${m.id} configures implementation "${impl}", which ${m.type} does not provide; EVerest stops with "Implementation id(s)[${impl}] mentioned in config, but not defined in manifest"`,
            hint: Object.keys(facts.provides).length ? `${m.type} provides ${Object.keys(facts.provides).join(', ')}` : undefined,
          });
    }
  },
});
