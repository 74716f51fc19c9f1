import { defineRule } from './rule.js';
import { at, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-csr-fields',
  severity: 'error',
  description:
    'With V2GCertificateInstallationEnabled true, ISO15118Ctrlr.SeccId, CountryName and OrganizationName have values for the SECC CSR',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    if (!s?.v2gOn) return;
    const fields = [
      [s.seccId, 'SeccId', 'commonName'],
      [s.countryName, 'CountryName', 'country'],
      [s.organizationName, 'OrganizationName', 'organizationName'],
    ] as const;
    for (const [value, name, field] of fields) {
      if (value.present) continue;
      ctx.report({
        ...at(value),
        message: `ISO15118Ctrlr.${name} has no value: libocpp cannot build the SECC certificate signing request (it logs "Missing configuration of ${field} to generate CSR" and sends nothing), so no SECC certificate is ever requested`,
        hint: `give ISO15118Ctrlr.${name} a value as your CSMS expects it (the ${field} of the SECC certificate)`,
        related: [{ ...at(s.v2gInstall), message: 'ISO15118Ctrlr.V2GCertificateInstallationEnabled' }],
      });
    }
  },
});
