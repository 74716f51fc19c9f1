import { catalogFor, characteristicsOf, variableLabel } from '../catalog/config-facts.js';
import { contradictionFor } from '../catalog/contradictions.js';
import { joinPointer, describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

export default defineRule({
  id: 'spec-data-type',
  severity: 'error',
  description: 'A standard variable declares a dataType other than the one the OCPP standard gives',
  targets: ['spec-2.0.1', 'spec-2.1'],
  check(ctx) {
    const release = ocppVersionOf(ctx.target)!;
    const catalog = catalogFor(release);
    for (const component of ctx.tree.effective) {
      if (!catalog.isComponent(component.key.name)) continue;
      for (const variable of component.variables) {
        const facts = catalog.facts(component.key.name, variable.name);
        if (!facts) continue;
        const { dataTypes } = catalog.expected(facts);
        const { dataType, pointer } = characteristicsOf(variable);
        if (!dataTypes.length || dataType === undefined || dataTypes.includes(dataType as never)) continue;
        const label = `${describeKey(component.key)}.${variableLabel(variable)}`;
        // the standard gives both types in different places: follow one, and say that the other exists
        const contradiction = contradictionFor(release, component.key.name, variable.name);
        if (contradiction?.alsoWritten === dataType) {
          ctx.report({
            file: component.source,
            pointer: joinPointer(pointer, 'dataType'),
            severity: 'warning',
            message: `${label} is ${dataType} here; the OCPP ${release} appendix contradicts itself: ${contradiction.says}`,
            hint: contradiction.advice,
          });
          continue;
        }
        ctx.report({
          file: component.source,
          pointer: joinPointer(pointer, 'dataType'),
          message: `${label} is ${dataType} here; OCPP ${release} defines it as ${dataTypes.join(' or ')}`,
          hint: `set characteristics.dataType to ${dataTypes[0]} and make the values fit it`,
        });
      }
    }
  },
});
