import { mappedEvse } from '../effective.js';
import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-grid-support-mapping',
  severity: 'warning',
  description: 'Every grid_support connection of OCPPmulti targets a module mapped to an evse, at most one per EVSE',
  check(ctx) {
    for (const m of ctx.ocpp) {
      if (m.type !== 'OCPPmulti') continue;
      const n = (m.connections.get('evse_manager') ?? []).length;
      const seen = new Set<number>();
      for (const c of m.connections.get('grid_support') ?? []) {
        const t = ctx.config.modules.get(c.moduleId);
        if (!t) continue;
        const evse = mappedEvse(t, c.implementationId);
        if (evse === undefined)
          ctx.report({
            at: { pointer: c.pointer },
            message: `grid_support ${c.moduleId} has no evse mapping; OCPPmulti cannot tell which EVSE's DER controller its directives belong to`,
            hint: `give ${c.moduleId} "mapping: {module: {evse: N}}"`,
          });
        else if (evse < 1 || evse > n)
          ctx.report({
            at: { pointer: c.pointer },
            message: `grid_support ${c.moduleId} maps to evse ${evse}, but ${m.id} has ${n} evse_manager connection${n === 1 ? '' : 's'}`,
          });
        else if (seen.has(evse))
          ctx.report({ at: { pointer: c.pointer }, message: `a second grid_support for evse ${evse} (${c.moduleId})` });
        else seen.add(evse);
      }
    }
  },
});
