import { defineEverestRule } from '../rule.js';
import { mappedEvse } from '../effective.js';

// libocpp applies a station-wide limit to evse 0 and a per-EVSE limit to its EVSE's sink; OCPP201 logs
// "Can not apply external limits! No evse energy sink configured for evse_id: N" and drops the limit.
export default defineEverestRule({
  id: 'everest-energy-sink-coverage',
  severity: 'warning',
  description:
    'The OCPP module has one evse_energy_sink for evse 0 and one per EVSE, without duplicates or sinks for EVSEs it does not have',
  check(ctx) {
    for (const ocpp of ctx.ocpp) {
      const sinks = ocpp.connections.get('evse_energy_sink') ?? [];
      const n = (ocpp.connections.get('evse_manager') ?? []).length;
      const seen = new Map<number, string>();
      for (const c of sinks) {
        const target = ctx.config.modules.get(c.moduleId);
        const evse = target && mappedEvse(target, c.implementationId);
        if (evse === undefined) continue;
        if (seen.has(evse))
          ctx.report({
            at: { pointer: c.pointer },
            message: `a second evse_energy_sink for evse ${evse} (${c.moduleId}, after ${seen.get(evse)}); the OCPP module sends limits for evse ${evse} to the first only`,
          });
        else if (evse > n || evse < 0)
          ctx.report({
            at: { pointer: c.pointer },
            message: `evse_energy_sink ${c.moduleId} maps to evse ${evse}, but ${ocpp.id} has ${n} evse_manager connection${n === 1 ? '' : 's'}`,
          });
        else seen.set(evse, c.moduleId);
      }
      if (!sinks.length) continue;
      for (let e = 0; e <= n; e++)
        if (!seen.has(e))
          ctx.report({
            at: { pointer: `${ocpp.pointer}/connections/evse_energy_sink`, atKey: true },
            message: `no evse_energy_sink for evse ${e}${e === 0 ? ' (the whole station)' : ''}; OCPP limits for it are dropped with "No evse energy sink configured for evse_id: ${e}"`,
            hint: `connect an EnergyNode with "mapping: {module: {evse: ${e}}}"`,
          });
    }
  },
});
