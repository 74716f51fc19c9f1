import { catalogFor, variableLabel } from '../catalog/config-facts.js';
import { otherRelease } from '../catalog/catalog.js';
import { isLibocppComponent, isLibocppVariable } from '../catalog/libocpp-variables.js';
import { describeKey } from '../model/index.js';
import { defineRule, ocppVersionOf } from './rule.js';

export default defineRule({
  id: 'spec-other-release',
  severity: 'error',
  description: 'A component or variable that only the other OCPP release (2.0.1 or 2.1) defines',
  targets: ['spec-2.0.1', 'spec-2.1'],
  check(ctx) {
    const release = ocppVersionOf(ctx.target)!;
    const catalog = catalogFor(release);
    const otherName = otherRelease(release);
    const other = catalogFor(otherName);
    for (const component of ctx.tree.effective) {
      const name = component.key.name;
      if (!catalog.isComponent(name)) {
        if (other.isComponent(name))
          ctx.report({
            file: component.source,
            pointer: '/name',
            ...(isLibocppComponent(name)
              ? {
                  severity: 'info' as const,
                  message: `${describeKey(component.key)} is an OCPP ${otherName} component; libocpp keeps the connection profiles of both releases in it, and a ${release} CSMS sees it as vendor-specific`,
                }
              : {
                  message: `${describeKey(component.key)} is an OCPP ${otherName} component; OCPP ${release} does not define it, so a ${release} CSMS sees a vendor-specific component`,
                  hint: `keep it only if the station also speaks OCPP ${otherName} (ocppctl explain ${name})`,
                }),
          });
        continue;
      }
      for (const variable of component.variables) {
        if (catalog.facts(name, variable.name) || !other.isComponent(name) || !other.facts(name, variable.name)) continue;
        const libocpp = isLibocppVariable(name, variable.name);
        ctx.report({
          file: component.source,
          pointer: variable.pointer,
          atKey: true,
          message:
            `${variableLabel(variable)} is an OCPP ${otherName} variable of ${name}; OCPP ${release} does not define it` +
            (libocpp ? ', but libocpp reads it whatever release it speaks' : ''),
          ...(libocpp
            ? { severity: 'info' as const }
            : { hint: `keep it only if the station also speaks OCPP ${otherName} (ocppctl explain ${name}.${variable.name})` }),
        });
      }
    }
  },
});
