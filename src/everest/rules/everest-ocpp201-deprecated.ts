import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-ocpp201-deprecated',
  severity: 'info',
  description: "OCPP201 is replaced by OCPPmulti (OCPP 1.6, 2.0.1 and 2.1 in one module) on EVerest's main branch",
  check(ctx) {
    for (const m of ctx.ocpp)
      if (m.type === 'OCPP201')
        ctx.report({
          at: { pointer: `${m.pointer}/module` },
          message: `${m.id} uses OCPP201, which EVerest's main branch replaces by OCPPmulti; its keys carry over (Mode: Only2 keeps 2.x only)`,
          hint: 'change "module: OCPP201" to "module: OCPPmulti" when moving to a current EVerest',
        });
  },
});
