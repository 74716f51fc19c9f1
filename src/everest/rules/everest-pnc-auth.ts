import { defineEverestRule } from '../rule.js';
import { hlcReady, intendedPnc, pncEvses } from '../pnc.js';

export default defineEverestRule({
  id: 'everest-pnc-auth',
  severity: 'error',
  description: "Auth's token_provider lists each Plug&Charge EvseManager's token_provider, so contract certificates reach Auth",
  check(ctx) {
    // EVSEs that cannot run ISO 15118 at all are everest-pnc-hlc's finding, not this one's
    const evses = intendedPnc(pncEvses(ctx.config.modules, ctx.ocpp, ctx.facts, ctx.tree)).filter((e) => hlcReady(e, ctx.facts));
    if (!evses.length) return;
    for (const ocpp of ctx.ocpp) {
      const authConn = ocpp.connections.get('auth')?.[0];
      const auth = authConn && ctx.config.modules.get(authConn.moduleId);
      if (!auth || auth.type !== 'Auth') continue;
      const providers = auth.connections.get('token_provider') ?? [];
      for (const e of evses) {
        if (providers.some((p) => p.moduleId === e.manager.id && p.implementationId === 'token_provider')) continue;
        ctx.report({
          at: { pointer: providers.length ? `${auth.pointer}/connections/token_provider` : auth.pointer, atKey: true },
          message: `${auth.id}'s token_provider does not list ${e.manager.id}.token_provider; the contract certificate of a Plug&Charge car never reaches Auth`,
          hint: `add "- module_id: ${e.manager.id}\n  implementation_id: token_provider" to ${auth.id}.connections.token_provider`,
        });
      }
    }
  },
});
