import { closestNames } from '../../catalog/closest-names.js';
import { joinPointer } from '../../model/index.js';
import { OCPP2_MODULES } from '../config.js';
import { defineEverestRule } from '../rule.js';

// The manager logs "Unknown config entry '<key>' of module '<Module>' ignored, please fix your config file!" and
// goes on with the default. For the OCPP module's paths that default is a different folder or database: error.
export default defineEverestRule({
  id: 'everest-config-unknown-key',
  severity: 'warning',
  description:
    "Every config_module and config_implementation key is declared in the module's manifest (an error for a misspelt OCPP path key)",
  check(ctx) {
    for (const m of ctx.config.modules.values()) {
      const facts = ctx.facts.modules[m.type];
      if (!facts) continue;
      const check = (values: Record<string, unknown>, known: string[], base: string, where: string) => {
        for (const key of Object.keys(values)) {
          if (known.includes(key)) continue;
          const near = closestNames(key, known);
          const pathKey = (OCPP2_MODULES as readonly string[]).includes(m.type) && near.some((n) => n.endsWith('Path'));
          ctx.report({
            at: { pointer: joinPointer(base, key), atKey: true },
            severity: pathKey ? 'error' : undefined,
            message: `${where} has no config key "${key}"; EVerest ignores it with "Unknown config entry '${key}' … ignored"${pathKey ? ` and uses ${near[0]}'s default path instead` : ''}${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
            hint: near.length ? `rename it to ${near[0]}` : 'remove it',
          });
        }
      };
      check(m.config, Object.keys(facts.config), joinPointer(m.pointer, 'config_module'), `${m.type} (${m.id})`);
      for (const [impl, values] of Object.entries(m.configImpl))
        if (facts.provides[impl])
          check(values, Object.keys(facts.provides[impl].config), joinPointer(m.pointer, 'config_implementation', impl), `${m.id}.${impl}`);
    }
  },
});
