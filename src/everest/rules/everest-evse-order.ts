import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';

// OCPP201::get_connector_structure() walks the evse_manager connections in order and throws
// "Configured evse_id(s) must start with 1 counting upwards" unless the i-th EvseManager reports id i
// (EvseManager's get_evse answers with its config connector_id).
export default defineEverestRule({
  id: 'everest-evse-order',
  severity: 'error',
  description: 'The i-th evse_manager connection of the OCPP module is the EvseManager whose connector_id is i (1..N, no gaps)',
  check(ctx) {
    for (const ocpp of ctx.ocpp) {
      const conns = ocpp.connections.get('evse_manager') ?? [];
      conns.forEach((c, i) => {
        const target = ctx.config.modules.get(c.moduleId);
        if (!target || target.type !== 'EvseManager') return;
        const id = effective(target, 'connector_id', ctx.facts);
        if (id.value === i + 1) return;
        ctx.report({
          at: { pointer: c.pointer },
          message: `evse_manager connection ${i + 1} of ${ocpp.id} is ${c.moduleId}, whose connector_id is ${id.value === undefined ? 'not set' : JSON.stringify(id.value)}; the OCPP module stops with "Configured evse_id(s) must start with 1 counting upwards"`,
          hint: `list the EvseManagers in connector_id order (1, 2, …) or set ${c.moduleId}'s connector_id to ${i + 1}`,
          related: [{ pointer: id.pointer, atKey: true, message: `connector_id of ${c.moduleId}` }],
        });
      });
    }
  },
});
