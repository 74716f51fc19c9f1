import { defineEverestRule } from '../rule.js';
import { mappedEvse } from '../effective.js';

// OCPP201::init(): "At least one connected evse_energy_sink misses a mapping to an evse."
export default defineEverestRule({
  id: 'everest-energy-sink-mapping',
  severity: 'error',
  description: 'Every evse_energy_sink the OCPP module connects to carries a mapping to an evse',
  check(ctx) {
    for (const ocpp of ctx.ocpp)
      for (const c of ocpp.connections.get('evse_energy_sink') ?? []) {
        const target = ctx.config.modules.get(c.moduleId);
        if (!target || mappedEvse(target, c.implementationId) !== undefined) continue;
        ctx.report({
          at: { pointer: c.pointer },
          message: `evse_energy_sink ${c.moduleId} has no evse mapping; the OCPP module stops with "At least one connected evse_energy_sink misses a mapping to an evse."`,
          hint: `give ${c.moduleId} "mapping: {module: {evse: N}}" (0 for the whole station)`,
          related: [{ pointer: target.pointer, atKey: true, message: `module ${c.moduleId}` }],
        });
      }
  },
});
