import { joinPointer } from '../model/index.js';
import { defineRule } from './rule.js';

// OCPP ComponentType.name/instance and VariableType.name/instance are identifierString/string[50]; libocpp holds
// them in CiString<50>, which throws when a CSMS request or report carries a longer one
const MAX = 50;

export default defineRule({
  id: 'name-length',
  severity: 'error',
  description: 'Component and variable names and instances have at most 50 characters',
  check(ctx) {
    for (const component of ctx.tree.components) {
      const file = component.source;
      const check = (value: unknown, pointer: string, what: string) => {
        if (typeof value === 'string' && value.length > MAX)
          ctx.report({ file, pointer, message: `${what} has ${value.length} characters; OCPP allows at most ${MAX}`, hint: 'shorten it' });
      };
      check(component.data.name, '/name', 'component name');
      check(component.data.instance, '/instance', `instance of ${component.key.name}`);
      for (const v of component.variables) {
        check(v.data.variable_name, joinPointer(v.pointer, 'variable_name'), `variable name in ${component.key.name}`);
        check(v.data.instance, joinPointer(v.pointer, 'instance'), `instance of ${component.key.name}.${v.name}`);
      }
    }
  },
});
