import { closestNames } from '../../catalog/closest-names.js';
import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-module-unknown',
  severity: 'warning',
  description: 'Every module type the config loads has a manifest (built in, or under --everest-prefix)',
  check(ctx) {
    for (const m of ctx.config.modules.values()) {
      if (!m.type || ctx.facts.modules[m.type]) continue;
      const near = closestNames(m.type, Object.keys(ctx.facts.modules));
      ctx.report({
        at: { pointer: `${m.pointer}/module` },
        message: `module type ${m.type} has no manifest in ${ctx.facts.origin === 'built-in' ? 'the EVerest release ocppctl knows' : ctx.facts.origin}; EVerest stops with "Failed to load and parse manifest file" unless it is installed${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
        hint: 'pass --everest-prefix DIR to read the manifests of your installation (custom modules, other releases)',
      });
    }
  },
});
