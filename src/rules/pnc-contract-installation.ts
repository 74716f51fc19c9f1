import { defineRule } from './rule.js';
import { at, isFalse, isTrue, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-contract-installation',
  severity: 'info',
  description: 'ContractCertificateInstallationEnabled has an effect only with ISO15118Ctrlr.PnCEnabled true',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    // Runs only where the station takes part in Plug&Charge certificate handling at all.
    if (!s || !(s.pncOn || s.v2gOn) || s.pncOn || !isTrue(s.contractInstall)) return;
    ctx.report({
      ...at(s.contractInstall),
      message: `ContractCertificateInstallationEnabled is true but PnCEnabled is ${isFalse(s.pnc) ? 'false' : 'unset'}: the car may install a contract certificate, yet it is never used to authorize`,
      hint: 'set ISO15118Ctrlr.PnCEnabled to true, or ContractCertificateInstallationEnabled to false',
      related: [{ ...at(s.pnc), message: 'ISO15118Ctrlr.PnCEnabled' }],
    });
  },
});
