import { defineEverestRule } from '../rule.js';

const OCPP = ['OCPP', 'OCPP201', 'OCPPmulti'];

export default defineEverestRule({
  id: 'everest-ocpp-module-count',
  severity: 'warning',
  description: 'At most one OCPP module (OCPP, OCPP201, OCPPmulti) is loaded',
  check(ctx) {
    const loaded = [...ctx.config.modules.values()].filter((m) => OCPP.includes(m.type));
    for (const m of loaded.slice(1))
      ctx.report({
        at: { pointer: m.pointer, atKey: true },
        message: `${m.id} (${m.type}) is a second OCPP module beside ${loaded[0].id} (${loaded[0].type}); both would drive the same EvseManagers and dial a CSMS`,
        related: [{ pointer: loaded[0].pointer, atKey: true, message: `first OCPP module` }],
      });
  },
});
