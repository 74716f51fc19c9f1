import { catalogFor, variableLabel } from '../catalog/config-facts.js';
import { otherRelease } from '../catalog/catalog.js';
import { isLibocppVariable } from '../catalog/libocpp-variables.js';
import { describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

export default defineRule({
  id: 'spec-unknown-variable',
  severity: 'error',
  description: 'A variable on a standardized component that the OCPP standard does not define (often a misspelling)',
  targets: ['spec-2.0.1', 'spec-2.1'],
  check(ctx) {
    const release = ocppVersionOf(ctx.target)!;
    const catalog = catalogFor(release);
    const other = catalogFor(otherRelease(release));
    for (const component of ctx.tree.effective) {
      if (!catalog.isComponent(component.key.name)) continue;
      for (const variable of component.variables) {
        if (catalog.facts(component.key.name, variable.name)) continue;
        // a name the other release defines is spec-other-release's finding
        if (other.isComponent(component.key.name) && other.facts(component.key.name, variable.name)) continue;
        if (isLibocppVariable(component.key.name, variable.name)) {
          ctx.report({
            file: component.source,
            pointer: variable.pointer,
            atKey: true,
            severity: 'info',
            message: `${variableLabel(variable)} is libocpp's own variable of ${component.key.name}, not an OCPP ${release} one; a CSMS sees it as vendor-specific`,
          });
          continue;
        }
        const [best] = catalog.suggestVariable(component.key.name, variable.name);
        ctx.report({
          file: component.source,
          pointer: variable.pointer,
          atKey: true,
          message:
            `${variableLabel(variable)} is not an OCPP ${release} variable of ${describeKey(component.key)}; ` +
            'a CSMS sees it as a vendor-specific variable' +
            (best ? `. Did you mean ${best}?` : ''),
          hint: best
            ? `rename variable_name to ${best} (ocppctl explain ${component.key.name}.${best})`
            : `move it to a custom component, or check the name with ocppctl explain ${component.key.name}`,
        });
      }
    }
  },
});
