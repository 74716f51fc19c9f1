import { catalogFor, isImplemented } from '../catalog/config-facts.js';
import { rowMatchesInstance } from '../catalog/catalog.js';
import type { CatalogRow } from '../catalog/catalog-data.js';
import { describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

const rowLabel = (r: CatalogRow) =>
  r.instance !== undefined
    ? `${r.variable} (instance ${r.instance})`
    : r.instancePlaceholder !== undefined
      ? `${r.variable} (instance ${r.instancePlaceholder})`
      : r.variable;

export default defineRule({
  id: 'spec-required-variable',
  severity: 'error',
  description: 'A component the station implements lacks a variable the OCPP standard requires of it',
  targets: ['spec-2.0.1', 'spec-2.1'],
  check(ctx) {
    const release = ocppVersionOf(ctx.target)!;
    const catalog = catalogFor(release);
    // the appendix marks some 2.1 ConnectedEV/EVSE rows "required when V2X is supported"; a station says it
    // supports V2X by implementing V2XChargingCtrlr
    const v2x = ctx.tree.effective.some((c) => c.key.name === 'V2XChargingCtrlr' && isImplemented(c));
    for (const component of ctx.tree.effective) {
      const required = catalog.rowsOf(component.key.name).filter((r) => r.required === 'yes' || (r.required === 'V2X' && v2x));
      if (!required.length || !isImplemented(component)) continue;
      const hasProperties = typeof component.data.properties === 'object' && component.data.properties !== null;
      for (const row of required) {
        if (component.variables.some((v) => v.name === row.variable && rowMatchesInstance(row, v.instance))) continue;
        const why =
          row.required === 'V2X' ? 'when V2X is supported (V2XChargingCtrlr is present)' : 'of every station that implements the component';
        ctx.report({
          file: component.source,
          pointer: hasProperties ? '/properties' : '',
          atKey: hasProperties,
          message: `${describeKey(component.key)} has no ${rowLabel(row)}, which OCPP ${release} requires ${why}`,
          hint:
            component.key.name === 'EVSE' || component.key.name === 'Connector'
              ? `add ${row.variable}; see ocppctl explain ${component.key.name}.${row.variable}`
              : `add ${row.variable}, or set Available to false if the station does not implement ${component.key.name}; see ocppctl explain ${component.key.name}.${row.variable}`,
        });
      }
    }
  },
});
