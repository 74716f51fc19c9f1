import { attributes } from '../model/index.js';
import { variableName } from './data-types.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'attribute-without-type',
  severity: 'error',
  description: 'Every attribute names its type (Actual, Target, MinSet or MaxSet)',
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables)
        for (const a of attributes(variable)) {
          if ('type' in a.data) continue;
          // OCPP reads an omitted type as Actual, but libocpp stores a NULL type and looks attributes up by
          // TYPE_ID, so the attribute, its value and the variable's default are never found
          ctx.report({
            file: component.source,
            pointer: a.pointer,
            message: `attribute ${a.index} of ${variableName(variable)} has no type; libocpp stores it without one and never reads its value or the default`,
            hint: 'add "type": "Actual" (or Target, MinSet, MaxSet)',
          });
        }
  },
});
