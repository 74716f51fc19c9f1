import { attributes, joinPointer } from '../model/index.js';
import { variableName } from './data-types.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'attribute-duplicate-type',
  severity: 'error',
  description: 'A variable has at most one attribute of each type (Actual, Target, MinSet, MaxSet)',
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables) {
        const seen = new Map<string, string>();
        for (const a of attributes(variable)) {
          // libocpp gives an attribute without type a NULL type in the database; two of those collide as well
          const type = typeof a.data.type === 'string' ? a.data.type : '(no type)';
          const first = seen.get(type);
          if (first === undefined) {
            seen.set(type, a.pointer);
            continue;
          }
          ctx.report({
            file: component.source,
            pointer: typeof a.data.type === 'string' ? joinPointer(a.pointer, 'type') : a.pointer,
            message: `${variableName(variable)} has a second ${type} attribute; libocpp looks attributes up by type and uses only one`,
            hint: 'remove one of the two attributes',
            related: [{ file: component.source, pointer: first, message: `the first ${type} attribute` }],
          });
        }
      }
  },
});
