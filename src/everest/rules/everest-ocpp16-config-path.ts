import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { shareOf } from '../config.js';
import { effective } from '../effective.js';
import { defineEverestRule } from '../rule.js';

// OCPPmulti with EnableLegacyConfigMigration reads the OCPP 1.6 config once, before its database exists, and stops
// with "ChargePointConfigPath '<path>' does not exist (required as the OCPP1.6 device model migration source)"
// (charge_point_config_factory_v16.cpp). A relative path is relative to share/everest/modules/OCPP/.
export default defineEverestRule({
  id: 'everest-ocpp16-config-path',
  severity: 'error',
  description: "With EnableLegacyConfigMigration, OCPPmulti's ChargePointConfigPath names an existing OCPP 1.6 config",
  check(ctx) {
    for (const m of ctx.ocpp) {
      if (m.type !== 'OCPPmulti' || effective(m, 'EnableLegacyConfigMigration', ctx.facts).value !== true) continue;
      const path = effective(m, 'ChargePointConfigPath', ctx.facts);
      if (typeof path.value !== 'string') continue;
      const prefix = ctx.prefix;
      const resolved = isAbsolute(path.value)
        ? path.value
        : prefix !== undefined
          ? join(shareOf(prefix, m.type, '1.6'), path.value)
          : undefined;
      if (resolved === undefined || existsSync(resolved)) continue;
      ctx.report({
        at: { pointer: path.pointer, atKey: true },
        message: `ChargePointConfigPath ${JSON.stringify(path.value)} resolves to ${resolved}, which does not exist; with EnableLegacyConfigMigration OCPPmulti stops at first start with "ChargePointConfigPath '…' does not exist (required as the OCPP1.6 device model migration source)"`,
        hint: "point ChargePointConfigPath at the station's OCPP 1.6 config (relative paths are relative to share/everest/modules/OCPP/), or turn EnableLegacyConfigMigration off",
      });
    }
  },
});
