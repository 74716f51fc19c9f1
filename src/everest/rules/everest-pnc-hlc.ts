import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';
import { intendedPnc, pncEvses } from '../pnc.js';

export default defineEverestRule({
  id: 'everest-pnc-hlc',
  severity: 'error',
  description: 'A Plug&Charge EvseManager has slac and hlc (ISO 15118) connected, and AC ones ac_hlc_enabled on',
  check(ctx) {
    for (const e of intendedPnc(pncEvses(ctx.config.modules, ctx.ocpp, ctx.facts, ctx.tree))) {
      const m = e.manager;
      const source = e.from === 'device-model' ? "the device model's ISO15118Ctrlr.PnCEnabled" : 'payment_enable_contract';
      for (const req of ['slac', 'hlc'])
        if (!(m.connections.get(req) ?? []).length)
          ctx.report({
            at: { pointer: `${m.pointer}/connections`, atKey: true },
            message: `${m.id} runs Plug&Charge (${source} is true) but has no ${req} connection; without ${req === 'slac' ? 'SLAC there is no PLC link' : 'an ISO 15118 charger (EvseV2G)'} no contract certificate ever arrives`,
            hint: `connect ${m.id}.connections.${req} to the ${req === 'slac' ? 'SLAC module (EvseSlac)' : "EvseV2G module's charger implementation"}`,
          });
      const mode = effective(m, 'charge_mode', ctx.facts).value ?? 'AC';
      const hlc = effective(m, 'ac_hlc_enabled', ctx.facts);
      // with hlc connected, everest-hlc-disabled already reports ac_hlc_enabled off: one cause, one finding
      const wired = (m.connections.get('hlc') ?? []).length > 0;
      if (!wired && mode === 'AC' && hlc.value !== true && effective(m, 'ac_with_soc', ctx.facts).value !== true)
        ctx.report({
          at: { pointer: hlc.pointer, atKey: hlc.from === 'yaml' },
          // a warning like everest-hlc-disabled: the EVSE still charges, only without Plug&Charge
          severity: 'warning',
          message: `${m.id} runs Plug&Charge (${source} is true) on AC with ac_hlc_enabled off; the ISO 15118 session, and so Plug&Charge, never starts`,
          hint: 'set ac_hlc_enabled: true',
        });
    }
  },
});
