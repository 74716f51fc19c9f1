import { catalogFor, characteristicsOf, variableLabel } from '../catalog/config-facts.js';
import { joinPointer, describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

export default defineRule({
  id: 'spec-unit',
  severity: 'error',
  description: 'A standard variable declares a unit other than the one(s) the OCPP standard gives',
  targets: ['spec-2.0.1', 'spec-2.1'],
  check(ctx) {
    const release = ocppVersionOf(ctx.target)!;
    const catalog = catalogFor(release);
    for (const component of ctx.tree.effective) {
      if (!catalog.isComponent(component.key.name)) continue;
      for (const variable of component.variables) {
        const facts = catalog.facts(component.key.name, variable.name);
        if (!facts) continue;
        const { units } = catalog.expected(facts);
        const { unit, pointer } = characteristicsOf(variable);
        // the appendix gives no unit for most variables; only a unit that contradicts a given one is wrong
        if (!units.length || unit === undefined || units.includes(unit)) continue;
        ctx.report({
          file: component.source,
          pointer: joinPointer(pointer, 'unit'),
          message: `${describeKey(component.key)}.${variableLabel(variable)} has unit "${unit}"; OCPP ${release} gives ${units.map((u) => `"${u}"`).join(' or ')}`,
          // never a bare "use s" for ms: the same numbers in seconds would mean a thousand times longer
          hint:
            unit === 'ms' && units.includes('s')
              ? 'set characteristics.unit to "s" and divide every value by 1000'
              : `set characteristics.unit to "${units[0]}" and convert the values`,
        });
      }
    }
  },
});
