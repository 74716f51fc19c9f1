import { defineRule } from './rule.js';
import { at, pncRelated, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-secc-certificate',
  severity: 'warning',
  description: 'With Plug&Charge on, ISO15118Ctrlr.V2GCertificateInstallationEnabled is true so libocpp requests the SECC certificate',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    if (!s?.pncOn || s.v2gOn) return;
    ctx.report({
      ...at(s.v2gInstall),
      message:
        'PnCEnabled is true but V2GCertificateInstallationEnabled is not: libocpp never requests an SECC certificate from the CSMS (no SignCertificate with V2GCertificate) and never checks its expiry, so the charger has no TLS certificate for ISO 15118 unless one is installed by hand',
      hint: 'set ISO15118Ctrlr.V2GCertificateInstallationEnabled to true (and SeccId, CountryName, OrganizationName), or install the SECC leaf certificate and key in EvseSecurity yourself',
      related: pncRelated(s),
    });
  },
});
