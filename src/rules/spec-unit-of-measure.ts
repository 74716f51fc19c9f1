import { catalogFor, characteristicsOf, variableLabel } from '../catalog/config-facts.js';
import { closestNames } from '../catalog/closest-names.js';
import { isLibocppOwnComponent } from '../catalog/libocpp-variables.js';
import { joinPointer, describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

// Spellings seen in configs for units the list names differently, with the same meaning. `ms` is not one:
// the list has no millisecond unit, and `s` would read every value a thousand times larger.
const UNIT_ALIASES: Record<string, string> = {
  '%': 'Percent',
  sec: 's',
  seconds: 's',
  Var: 'var',
  C: 'Celsius',
  '°C': 'Celsius',
  F: 'Fahrenheit',
  '°F': 'Fahrenheit',
};

// Units that scale a listed one: naming the listed unit alone would change what every value means.
const SCALED: Record<string, { unit: string; factor: string }> = { ms: { unit: 's', factor: '1000' } };

export default defineRule({
  id: 'spec-unit-of-measure',
  severity: 'error',
  description: 'A unit that is not in the OCPP units-of-measure list',
  targets: ['spec-2.0.1', 'spec-2.1'],
  check(ctx) {
    const release = ocppVersionOf(ctx.target)!;
    const catalog = catalogFor(release);
    for (const component of ctx.tree.effective)
      for (const variable of component.variables) {
        const { unit, pointer } = characteristicsOf(variable);
        if (unit === undefined || catalog.isUnitOfMeasure(unit)) continue;
        const scaled = Object.hasOwn(SCALED, unit) ? SCALED[unit] : undefined;
        const best = scaled
          ? undefined
          : ((Object.hasOwn(UNIT_ALIASES, unit) ? UNIT_ALIASES[unit] : undefined) ??
            closestNames(unit, catalog.unitsOfMeasure()).find((u) => u.toLowerCase() === unit.toLowerCase()));
        const libocppOwn = isLibocppOwnComponent(component.key.name);
        ctx.report({
          file: component.source,
          pointer: joinPointer(pointer, 'unit'),
          // libocpp's own components carry the units libocpp gave them; the station maker did not choose them
          ...(libocppOwn ? { severity: 'warning' as const } : {}),
          message:
            `${describeKey(component.key)}.${variableLabel(variable)} has unit "${unit}", which is not in the OCPP ${release} units-of-measure list` +
            (best ? `. Did you mean "${best}"?` : '') +
            (libocppOwn ? `; ${component.key.name} is libocpp's own component, and a CSMS sees the unit as vendor-specific` : ''),
          hint: scaled
            ? `keep "${unit}" (a CSMS sees a vendor-specific unit), or use "${scaled.unit}" and divide every value by ${scaled.factor}`
            : libocppOwn
              ? `libocpp defines this unit; keep it, or use one of ${catalog.unitsOfMeasure().join(', ')} and convert the values`
              : `use one of ${catalog.unitsOfMeasure().join(', ')}`,
        });
      }
  },
});
