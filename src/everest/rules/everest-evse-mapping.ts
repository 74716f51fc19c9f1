import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';

export default defineEverestRule({
  id: 'everest-evse-mapping',
  severity: 'warning',
  description: "An EvseManager's mapping.module.evse equals its connector_id",
  check(ctx) {
    for (const m of ctx.config.modules.values()) {
      if (m.type !== 'EvseManager' || m.evse === undefined) continue;
      const id = effective(m, 'connector_id', ctx.facts);
      if (typeof id.value !== 'number' || id.value === m.evse) continue;
      ctx.report({
        at: { pointer: `${m.pointer}/mapping/module/evse` },
        message: `${m.id} maps to evse ${m.evse} but reports itself to OCPP as EVSE ${id.value} (connector_id); errors and limits land on the wrong EVSE`,
        hint: `make mapping.module.evse and connector_id the same`,
        related: [{ pointer: id.pointer, message: 'connector_id' }],
      });
    }
  },
});
