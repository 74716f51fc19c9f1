import { defineRule } from './rule.js';
import { at, isFalse, pncRelated, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-auth-disabled',
  severity: 'error',
  description: 'With Plug&Charge on, AuthCtrlr.Enabled is not false (libocpp would accept every contract without validating it)',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    if (!s?.pncOn || !s.authEnabled || !isFalse(s.authEnabled)) return;
    ctx.report({
      ...at(s.authEnabled),
      message:
        'AuthCtrlr.Enabled is false while PnCEnabled is true: libocpp then answers every authorization, contract certificates included, with Accepted without validating the contract or asking the CSMS',
      hint: 'set AuthCtrlr.Enabled to true',
      related: pncRelated(s),
    });
  },
});
