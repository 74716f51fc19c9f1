import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';

export default defineEverestRule({
  id: 'everest-hlc-disabled',
  severity: 'warning',
  description: 'An AC EvseManager with an hlc (ISO 15118) connection has ac_hlc_enabled or ac_with_soc on',
  check(ctx) {
    for (const m of ctx.config.modules.values()) {
      if (m.type !== 'EvseManager' || !(m.connections.get('hlc') ?? []).length) continue;
      const mode = effective(m, 'charge_mode', ctx.facts).value ?? 'AC';
      if (mode !== 'AC') continue;
      const hlc = effective(m, 'ac_hlc_enabled', ctx.facts);
      if (hlc.value === true || effective(m, 'ac_with_soc', ctx.facts).value === true) continue;
      ctx.report({
        at: { pointer: `${m.pointer}/connections/hlc`, atKey: true },
        message: `${m.id} connects an ISO 15118 charger (hlc) but charges AC with ac_hlc_enabled off; the 15118 stack and Plug&Charge are never used`,
        hint: 'set ac_hlc_enabled: true, or drop the hlc connection',
        related: [{ pointer: hlc.pointer, atKey: hlc.from === 'yaml', message: 'ac_hlc_enabled' }],
      });
    }
  },
});
