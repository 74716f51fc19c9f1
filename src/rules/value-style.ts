import { variableName, writtenValues } from './data-types.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'value-style',
  severity: 'info',
  description: 'Values are written as JSON strings, the form libocpp stores them in',
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables)
        for (const v of writtenValues(variable)) {
          if (typeof v.raw !== 'number' && typeof v.raw !== 'boolean') continue;
          // libocpp turns a JSON number into nlohmann's dump() text, which is not always what was written (60.0 → "60.0")
          const shown = v.secret ? 'its text' : JSON.stringify(v.text);
          ctx.report({
            file: component.source,
            pointer: v.pointer,
            message: `${v.label} of ${variableName(variable)} is a JSON ${typeof v.raw}; libocpp stores ${shown}`,
            hint: v.secret ? 'write the value as a JSON string' : `write ${JSON.stringify(v.text)}`,
          });
        }
  },
});
