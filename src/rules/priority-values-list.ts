import { slotView } from '../model/slots/slot-view.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'priority-values-list',
  severity: 'error',
  description: 'NetworkConfigurationPriority must be plain slot numbers from its valuesList, without spaces',
  check(ctx) {
    const { priority } = slotView(ctx.tree);
    if (!priority.file || !priority.present) return;
    const at = { file: priority.file, pointer: priority.pointer };
    const seen = new Set<number>();
    for (const token of priority.tokens) {
      const shown = JSON.stringify(token.text);
      if (token.slot === undefined) {
        ctx.report({
          ...at,
          message: `NetworkConfigurationPriority holds ${shown}, which is not a slot number; libocpp skips it`,
          hint: 'write slot numbers separated by commas, e.g. 1,2',
        });
        continue;
      }
      if (!token.plain) {
        ctx.report({
          ...at,
          message: `NetworkConfigurationPriority holds ${shown}; libocpp reads it as slot ${token.slot} only through std::stoi's leniency, and rejects the whole list when it is written at run time`,
          hint: `write ${token.slot} with no spaces or other characters, e.g. 1,2`,
        });
      } else if (seen.has(token.slot)) {
        ctx.report({
          ...at,
          severity: 'warning',
          message: `NetworkConfigurationPriority lists slot ${token.slot} more than once`,
          hint: 'list each slot once',
        });
      }
      seen.add(token.slot);
      if (priority.valuesList !== undefined && token.plain && !priority.valuesListTokens.includes(token.text)) {
        ctx.report({
          ...at,
          message: `slot ${token.text} is not in the valuesList "${priority.valuesList}" of NetworkConfigurationPriority; libocpp rejects this list when it is written and SetNetworkProfile for the slot`,
          hint: `add ${token.text} to characteristics.valuesList (ocppctl set-priority adds every slot it lists there)`,
          related: priority.valuesListPointer
            ? [{ file: priority.file, pointer: priority.valuesListPointer, message: 'valuesList' }]
            : undefined,
        });
      }
    }
  },
});
