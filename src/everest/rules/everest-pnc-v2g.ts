import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';
import { hlcReady, intendedPnc, pncEvses } from '../pnc.js';

export default defineEverestRule({
  id: 'everest-pnc-v2g',
  severity: 'error',
  description: 'The EvseV2G of a Plug&Charge EVSE allows TLS, reads certificates from EvseSecurity and verifies contract chains',
  check(ctx) {
    const seen = new Set<string>();
    for (const e of intendedPnc(pncEvses(ctx.config.modules, ctx.ocpp, ctx.facts, ctx.tree)).filter((x) => hlcReady(x, ctx.facts)))
      for (const c of e.manager.connections.get('hlc') ?? []) {
        const v2g = ctx.config.modules.get(c.moduleId);
        if (!v2g || v2g.type !== 'EvseV2G' || seen.has(v2g.id)) continue;
        seen.add(v2g.id);
        const tls = effective(v2g, 'tls_security', ctx.facts);
        if (tls.value === 'prohibit')
          ctx.report({
            at: { pointer: tls.pointer },
            message: `${v2g.id} (ISO 15118 charger of ${e.manager.id}, a Plug&Charge EVSE) has tls_security: prohibit; ISO 15118-2 Plug&Charge needs TLS`,
            hint: 'set tls_security: allow (or force)',
          });
        const security = (v2g.connections.get('security') ?? []).map((s) => ctx.config.modules.get(s.moduleId));
        if (!security.some((s) => s?.type === 'EvseSecurity'))
          ctx.report({
            at: { pointer: `${v2g.pointer}/connections`, atKey: true },
            message: `${v2g.id}'s security is not connected to an EvseSecurity module; it has no SECC certificate, V2G root or MO root to use`,
            hint: `connect ${v2g.id}.connections.security to the EvseSecurity module (implementation main)`,
          });
        const verify = effective(v2g, 'verify_contract_cert_chain', ctx.facts);
        if (verify.value !== true)
          ctx.report({
            at: { pointer: verify.pointer, atKey: verify.from === 'yaml' },
            severity: 'info',
            message: `${v2g.id} has verify_contract_cert_chain ${verify.from === 'yaml' ? 'false' : 'off (the default)'}; EVerest's Plug&Charge guide says to set it to true`,
            hint: 'set verify_contract_cert_chain: true',
          });
      }
  },
});
