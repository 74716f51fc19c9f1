import { defineEverestRule } from '../rule.js';
import type { ModuleEntry } from '../config.js';

const names = (m: ModuleEntry, req: string) => (m.connections.get(req) ?? []).map((c) => c.moduleId);

// Auth asks its validators in order and takes the first Accepted; without OCPP's auth_validator the CSMS never
// sees a token, without OCPP's auth_provider RequestStartTransaction has no way in.
export default defineEverestRule({
  id: 'everest-auth-wiring',
  severity: 'error',
  description:
    "Auth validates with OCPP's auth_validator, takes OCPP's auth_provider, and lists the same EvseManagers as OCPP in the same order",
  check(ctx) {
    for (const ocpp of ctx.ocpp) {
      const authConn = ocpp.connections.get('auth')?.[0];
      const auth = authConn && ctx.config.modules.get(authConn.moduleId);
      if (!auth || auth.type !== 'Auth') continue;
      const validators = auth.connections.get('token_validator') ?? [];
      const ours = validators.filter((c) => c.moduleId === ocpp.id && c.implementationId === 'auth_validator');
      const list = `${auth.pointer}/connections`;
      if (!ours.length)
        ctx.report({
          at: { pointer: validators.length ? `${list}/token_validator` : auth.pointer, atKey: true },
          message: `${auth.id}'s token_validator does not include ${ocpp.id}.auth_validator; tokens are never checked with the CSMS, the local list or the cache`,
          hint: `add "- module_id: ${ocpp.id}\n  implementation_id: auth_validator" to ${auth.id}.connections.token_validator`,
        });
      else if (validators.length > 1)
        ctx.report({
          at: { pointer: `${list}/token_validator`, atKey: true },
          severity: 'warning',
          message: `${auth.id} has ${validators.length} token validators beside ${ocpp.id}.auth_validator; the first that answers Accepted wins, so the CSMS may be bypassed`,
        });
      const providers = auth.connections.get('token_provider') ?? [];
      if (!providers.some((c) => c.moduleId === ocpp.id && c.implementationId === 'auth_provider'))
        ctx.report({
          at: { pointer: providers.length ? `${list}/token_provider` : auth.pointer, atKey: true },
          message: `${auth.id}'s token_provider does not include ${ocpp.id}.auth_provider; RequestStartTransaction from the CSMS never reaches Auth`,
          hint: `add "- module_id: ${ocpp.id}\n  implementation_id: auth_provider" to ${auth.id}.connections.token_provider`,
        });
      const a = names(auth, 'evse_manager');
      const o = names(ocpp, 'evse_manager');
      if (a.join('\n') !== o.join('\n'))
        ctx.report({
          at: { pointer: `${list}/evse_manager`, atKey: auth.connections.has('evse_manager') },
          message: `${auth.id}'s evse_manager list (${a.join(', ') || 'none'}) differs from ${ocpp.id}'s (${o.join(', ') || 'none'}); Auth numbers EVSEs by position, so authorisations land on the wrong EVSE`,
          hint: `list the same EvseManagers in the same order in both`,
          related: [{ pointer: `${ocpp.pointer}/connections/evse_manager`, atKey: true, message: `${ocpp.id}'s evse_manager list` }],
        });
    }
  },
});
