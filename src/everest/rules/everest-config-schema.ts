import { joinPointer } from '../../model/index.js';
import { defineEverestRule } from '../rule.js';
import type { EverestRuleContext } from '../rule.js';

const TOP = ['settings', 'active_modules', 'x-module-layout'];
const ID = /^[a-zA-Z_][a-zA-Z0-9_.-]*$/;
const MODULE_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kind = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a sequence' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
const jsonType = (v: unknown, t: string) => (t === 'integer' ? Number.isInteger(v) : t === 'object' ? isObject(v) : typeof v === t);

// EVerest's manager validates the config against lib/everest/framework/schemas/config.yaml before anything else
// and stops with "Failed to validate the config file" on any mismatch.
export default defineEverestRule({
  id: 'everest-config-schema',
  severity: 'error',
  description:
    "The EVerest config matches the framework's config schema (top-level keys, settings, module entries, config maps, connections)",
  check(ctx) {
    const data = ctx.config.data;
    if (!data) return;
    const bad = (pointer: string, message: string, atKey = false) =>
      ctx.report({
        at: { pointer, atKey },
        message: `${message}; EVerest's manager refuses the config ("Failed to validate the config file")`,
      });
    for (const key of Object.keys(data))
      if (!TOP.includes(key)) bad(joinPointer('', key), `unknown top-level key "${key}" (allowed: ${TOP.join(', ')})`, true);
    if ('settings' in data) {
      if (!isObject(data.settings)) bad('/settings', `settings is ${kind(data.settings)}, not a mapping`);
      else
        for (const [key, value] of Object.entries(data.settings)) {
          const type = ctx.facts.settings[key];
          if (!type) bad(joinPointer('/settings', key), `unknown settings key "${key}"`, true);
          else if (!jsonType(value, type))
            bad(joinPointer('/settings', key), `settings.${key} is ${kind(value)}, not ${type === 'integer' ? 'an' : 'a'} ${type}`);
        }
    }
    if (!('active_modules' in data)) return;
    if (!isObject(data.active_modules)) return bad('/active_modules', `active_modules is ${kind(data.active_modules)}, not a mapping`);
    for (const [id, entry] of Object.entries(data.active_modules)) {
      const p = joinPointer('/active_modules', id);
      if (!ID.test(id)) bad(p, `module id "${id}" does not match ${ID.source}`, true);
      if (!isObject(entry)) {
        bad(p, `module ${id} is ${kind(entry)}, not a mapping with "module"`);
        continue;
      }
      checkModule(ctx, bad, p, id, entry);
    }
  },
});

function checkModule(
  ctx: EverestRuleContext,
  bad: (pointer: string, message: string, atKey?: boolean) => void,
  p: string,
  id: string,
  entry: Record<string, unknown>,
) {
  for (const key of Object.keys(entry))
    if (ctx.facts.moduleKeys.length && !ctx.facts.moduleKeys.includes(key))
      bad(joinPointer(p, key), `module ${id} has an unknown key "${key}"`, true);
  if (!('module' in entry)) bad(p, `module ${id} has no "module" (the module type)`, true);
  else if (typeof entry.module !== 'string' || !MODULE_NAME.test(entry.module))
    bad(joinPointer(p, 'module'), `module ${id}: "module" is ${kind(entry.module)}, not a module name`);
  const configMap = (mp: string, map: unknown) => {
    if (!isObject(map)) return bad(mp, `${mp.split('/').slice(3).join('.')} is ${kind(map)}, not a mapping`);
    for (const [k, v] of Object.entries(map))
      if (!['boolean', 'number', 'string'].includes(typeof v))
        bad(joinPointer(mp, k), `config entry "${k}" of ${id} is ${kind(v)}; a config value is a boolean, number or string`);
  };
  if ('config_module' in entry) configMap(joinPointer(p, 'config_module'), entry.config_module);
  if ('config_implementation' in entry) {
    if (!isObject(entry.config_implementation))
      bad(joinPointer(p, 'config_implementation'), `config_implementation of ${id} is ${kind(entry.config_implementation)}, not a mapping`);
    else
      for (const impl of Object.keys(entry.config_implementation))
        configMap(joinPointer(p, 'config_implementation', impl), entry.config_implementation[impl]);
  }
  if ('connections' in entry) {
    const cp = joinPointer(p, 'connections');
    if (!isObject(entry.connections)) return bad(cp, `connections of ${id} is ${kind(entry.connections)}, not a mapping`);
    for (const [req, list] of Object.entries(entry.connections)) {
      const rp = joinPointer(cp, req);
      if (!Array.isArray(list)) {
        bad(rp, `connections.${req} of ${id} is ${kind(list)}, not a sequence`);
        continue;
      }
      list.forEach((c, i) => {
        const ip = joinPointer(rp, i);
        if (!isObject(c))
          return bad(ip, `connection ${i + 1} of ${id}.${req} is ${kind(c)}, not a mapping with module_id and implementation_id`);
        for (const k of ['module_id', 'implementation_id'])
          if (typeof c[k] !== 'string') bad(ip, `connection ${i + 1} of ${id}.${req} has no ${k} string`);
          else if (!ID.test(c[k])) bad(joinPointer(ip, k), `${k} "${c[k]}" does not match ${ID.source}`);
        for (const k of Object.keys(c))
          if (k !== 'module_id' && k !== 'implementation_id')
            bad(joinPointer(ip, k), `connection ${i + 1} of ${id}.${req} has an unknown key "${k}"`, true);
      });
    }
  }
}
