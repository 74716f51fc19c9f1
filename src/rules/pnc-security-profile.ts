import { defineRule } from './rule.js';
import { at, pncRelated, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-security-profile',
  severity: 'info',
  description: 'Advice: Plug&Charge with SecurityCtrlr.SecurityProfile below 2 sends certificates over an unencrypted link',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    const sp = s?.securityProfile;
    if (!s?.pncOn || !sp?.present) return;
    const profile = Number(sp.value);
    if (!Number.isInteger(profile) || profile >= 2) return;
    ctx.report({
      ...at(sp),
      message: `SecurityCtrlr.SecurityProfile is ${profile} while PnCEnabled is true: contract and SECC certificates travel to the CSMS without TLS; libocpp does not require profile 2, OCPP's Plug&Charge use cases assume it`,
      hint: 'move the station to security profile 2 or 3 before Plug&Charge goes live',
      related: pncRelated(s),
    });
  },
});
