import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-reservation',
  severity: 'info',
  description: "The OCPP module's reservation requirement is wired (to Auth's reservation), or every ReserveNow is rejected",
  check(ctx) {
    for (const ocpp of ctx.ocpp)
      if (!(ocpp.connections.get('reservation') ?? []).length)
        ctx.report({
          at: { pointer: ocpp.pointer, atKey: true },
          message: `${ocpp.id} has no reservation connection; every ReserveNow from the CSMS is rejected`,
          hint: "connect reservation to the Auth module's reservation implementation if the station takes reservations",
        });
  },
});
