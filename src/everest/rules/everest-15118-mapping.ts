import { defineEverestRule } from '../rule.js';
import { mappedEvse } from '../effective.js';

// OCPP201 logs "ISO15118 Extension interface mapping not set! Not sending 'ChargingNeeds'!" for each unmapped one
export default defineEverestRule({
  id: 'everest-15118-mapping',
  severity: 'warning',
  description: 'Every extensions_15118 connection of the OCPP module targets a module mapped to an evse',
  check(ctx) {
    for (const ocpp of ctx.ocpp)
      for (const c of ocpp.connections.get('extensions_15118') ?? []) {
        const target = ctx.config.modules.get(c.moduleId);
        if (!target || mappedEvse(target, c.implementationId) !== undefined) continue;
        ctx.report({
          at: { pointer: c.pointer },
          message: `extensions_15118 ${c.moduleId} has no evse mapping; the OCPP module never sends its ChargingNeeds ("ISO15118 Extension interface mapping not set!")`,
          hint: `give ${c.moduleId} "mapping: {module: {evse: N}}"`,
        });
      }
  },
});
