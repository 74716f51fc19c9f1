import { defineRule } from './rule.js';
import { at, pncSettings } from './pnc-settings.js';

export default defineRule({
  id: 'pnc-country-name',
  severity: 'error',
  description: 'ISO15118Ctrlr.CountryName, the country of the SECC certificate, is a two-letter ISO 3166 code',
  check(ctx) {
    const s = pncSettings(ctx.tree);
    if (!s || !(s.pncOn || s.v2gOn) || !s.countryName.present) return;
    const value = s.countryName.value!;
    if (/^[A-Za-z]{2}$/.test(value)) return;
    ctx.report({
      ...at(s.countryName),
      message: `ISO15118Ctrlr.CountryName is ${JSON.stringify(value)}, not a two-letter country code: the X.509 countryName of the SECC certificate request must have exactly two letters, so the CSR cannot be generated or is refused`,
      hint: 'use the ISO 3166-1 alpha-2 code, e.g. "DE"',
    });
  },
});
