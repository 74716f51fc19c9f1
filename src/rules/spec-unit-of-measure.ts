import { catalogFor, characteristicsOf, variableLabel } from '../catalog/config-facts.js';
import { closestNames } from '../catalog/closest-names.js';
import { joinPointer, describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

// Spellings seen in configs for units the list names differently; `ms` has no OCPP unit, so values move to `s`.
const UNIT_ALIASES: Record<string, string> = { '%': 'Percent', ms: 's', sec: 's', seconds: 's', Var: 'var', C: 'Celsius', '°C': 'Celsius', F: 'Fahrenheit', '°F': 'Fahrenheit' };

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
        const best = UNIT_ALIASES[unit] ?? closestNames(unit, catalog.unitsOfMeasure()).find((u) => u.toLowerCase() === unit.toLowerCase());
        ctx.report({
          file: component.source,
          pointer: joinPointer(pointer, 'unit'),
          message: `${describeKey(component.key)}.${variableLabel(variable)} has unit "${unit}", which is not in the OCPP ${release} units-of-measure list` + (best ? `. Did you mean "${best}"?` : ''),
          hint: `use one of ${catalog.unitsOfMeasure().join(', ')}`,
        });
      }
  },
});
