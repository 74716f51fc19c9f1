import { joinPointer } from '../model/index.js';
import { DATA_TYPES, isDataType, variableName } from './data-types.js';
import { defineRule } from './rule.js';

// OCPP Part 2 uses these names for message fields, not for a variable's dataType; in the device model they are strings
const FIELD_TYPES: Record<string, string> = {
  passwordstring: 'string',
  identifierstring: 'string',
  anyuri: 'string',
  int: 'integer',
  bool: 'boolean',
  float: 'decimal',
  double: 'decimal',
  number: 'decimal',
  datetime: 'dateTime',
};

function suggestion(given: string): string | undefined {
  const lower = given.trim().toLowerCase();
  return DATA_TYPES.find((t) => t.toLowerCase() === lower) ?? FIELD_TYPES[lower];
}

export default defineRule({
  id: 'data-type',
  severity: 'error',
  description: "characteristics.dataType is one of libocpp's eight data types, spelled exactly",
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables) {
        const c = variable.data.characteristics as Record<string, unknown> | undefined;
        const dataType = c && typeof c === 'object' ? c.dataType : undefined;
        // a missing or non-string dataType is component-schema's finding
        if (typeof dataType !== 'string' || isDataType(dataType)) continue;
        const better = suggestion(dataType);
        ctx.report({
          file: component.source,
          pointer: joinPointer(variable.pointer, 'characteristics', 'dataType'),
          message: `dataType ${JSON.stringify(dataType)} of ${variableName(variable)} is not one of ${DATA_TYPES.join(', ')}; libocpp refuses to start with it`,
          hint: better ? `write "${better}"` : 'pick one of the eight data types; the names are case-sensitive',
        });
      }
  },
});
