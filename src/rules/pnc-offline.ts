import { defineRule } from './rule.js';
import { at, isFalse, isTrue, pncRelated, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-offline',
  severity: 'warning',
  description: 'How Plug&Charge behaves offline: ContractValidationOffline and AuthCtrlr.LocalAuthorizeOffline',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    if (!s?.pncOn) return;
    if (isFalse(s.contractValidationOffline)) {
      ctx.report({
        ...at(s.contractValidationOffline),
        severity: 'info',
        message: 'ContractValidationOffline is false: while the station is offline every Plug&Charge contract is refused',
        hint: 'set ISO15118Ctrlr.ContractValidationOffline to true if cars should charge with Plug&Charge while the CSMS is unreachable',
        related: pncRelated(s),
      });
    } else if (isTrue(s.contractValidationOffline) && s.localAuthorizeOffline && isFalse(s.localAuthorizeOffline)) {
      ctx.report({
        ...at(s.localAuthorizeOffline),
        message:
          'ContractValidationOffline is true but AuthCtrlr.LocalAuthorizeOffline is false: offline, libocpp does not look contracts up in the authorization cache or local list, so offline contract validation cannot succeed',
        hint: 'set AuthCtrlr.LocalAuthorizeOffline to true, or ContractValidationOffline to false to say what happens',
        related: [{ ...at(s.contractValidationOffline), message: 'ISO15118Ctrlr.ContractValidationOffline' }],
      });
    }
  },
});
