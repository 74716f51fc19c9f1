import type { Variable } from '../model/index.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'duplicate-variable',
  severity: 'error',
  description: 'No component defines the same variable (variable_name and instance) twice',
  check(ctx) {
    for (const component of ctx.tree.components) {
      const seen = new Map<string, Variable>();
      for (const v of component.variables) {
        const id = `${v.name}\u0000${v.instance ?? ''}`;
        const first = seen.get(id);
        if (!first) {
          seen.set(id, v);
          continue;
        }
        // libocpp inserts both into the database, and a lookup by name and instance then finds either one
        ctx.report({
          file: component.source,
          pointer: v.pointer,
          atKey: true,
          message: `variable ${v.name}${v.instance !== undefined ? ` (instance ${v.instance})` : ''} is defined twice in ${component.key.name}: as "${first.key}" and as "${v.key}"`,
          hint: 'remove one of the two entries, or give them different instances',
          related: [{ file: component.source, pointer: first.pointer, message: 'the first definition' }],
        });
      }
    }
  },
});
