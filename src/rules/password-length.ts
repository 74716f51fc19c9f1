import { componentsNamed, findComponent } from '../model/index.js';
import type { Component, ConfigTree } from '../model/index.js';
import { slotNumberOf, splitList, storedValue } from '../model/slots/read.js';
import { defineRule } from './rule.js';
import type { Target } from './rule.js';

// OCPP 2.0.1 (errata passwordString): 16 to 40 characters. OCPP 2.1 and libocpp's slots (CiString<64>, and
// the migration's fallback limit): up to 64. libocpp's device model refuses writes below minLimit 16.
const RANGES: Record<Target, { min: number; max: number; by: string }> = {
  libocpp: { min: 16, max: 64, by: 'libocpp' },
  'spec-2.0.1': { min: 16, max: 40, by: 'OCPP 2.0.1' },
  'spec-2.1': { min: 16, max: 64, by: 'OCPP 2.1' },
};

export default defineRule({
  id: 'password-length',
  severity: 'error',
  description: 'BasicAuthPassword must have 16-40 characters for OCPP 2.0.1 and 16-64 for OCPP 2.1 and libocpp',
  check(ctx) {
    const range = RANGES[ctx.target];
    const offers201 = ctx.target === 'libocpp' && offersOcpp201(ctx.tree);
    const owners: [Component, string][] = [];
    const security = findComponent(ctx.tree, 'SecurityCtrlr');
    if (security) owners.push([security, 'SecurityCtrlr.BasicAuthPassword']);
    for (const c of componentsNamed(ctx.tree, 'NetworkConfiguration')) {
      const n = slotNumberOf(c);
      if (n !== undefined) owners.push([c, `slot ${n} BasicAuthPassword`]);
    }
    for (const [component, label] of owners) {
      const pw = storedValue(component, 'BasicAuthPassword');
      // an empty password means "not set": the slot falls back to SecurityCtrlr (slot-password reports a missing one)
      if (!pw.present || !pw.length) continue;
      const n = pw.length;
      const at = { file: pw.file, pointer: pw.pointer };
      if (n < range.min || n > range.max) {
        ctx.report({
          ...at,
          message: `${label} has ${n} characters; ${range.by} needs ${range.min} to ${range.max}`,
          hint: `use a password of ${range.min} to ${range.max} printable ASCII characters`,
        });
      } else if (offers201 && n > 40) {
        ctx.report({
          ...at,
          severity: 'warning',
          message: `${label} has ${n} characters; libocpp accepts up to 64, but OCPP 2.0.1 allows at most 40 and InternalCtrlr.SupportedOcppVersions offers ocpp2.0.1`,
          hint: 'use 16 to 40 characters, or drop ocpp2.0.1 from SupportedOcppVersions',
        });
      }
    }
  },
});

function offersOcpp201(tree: ConfigTree): boolean {
  const internal = findComponent(tree, 'InternalCtrlr');
  const versions = internal ? storedValue(internal, 'SupportedOcppVersions') : undefined;
  return versions?.present === true && splitList(versions.value!).includes('ocpp2.0.1');
}
