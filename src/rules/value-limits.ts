import { characteristics, isListType, libocppDecimal, libocppInteger, variableName, writtenValues, show } from './data-types.js';
import { defineRule } from './rule.js';

// libocpp's allow_zero(): these intervals take 0 ("off") whatever their limits say
const ZERO_ALLOWED = new Set(['AlignedDataCtrlr.Interval', 'SampledDataCtrlr.TxUpdatedInterval', 'SampledDataCtrlr.TxEndedInterval']);

// libocpp's convert_to_positive_size_t: a string limit is rounded up and a negative one counts as 0
const sizeLimit = (limit: number) => (limit < 0 ? 0 : Math.ceil(limit));

const range = (min: number | undefined, max: number | undefined) =>
  min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;

export default defineRule({
  id: 'value-limits',
  severity: 'error',
  description: 'Values lie within minLimit/maxLimit: a number range for integer and decimal, a length for string',
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables) {
        const c = characteristics(variable);
        const { dataType, minLimit: min, maxLimit: max } = c;
        if (!dataType || (min === undefined && max === undefined)) continue;
        if (min !== undefined && max !== undefined && min > max) {
          ctx.report({
            file: component.source,
            pointer: `${c.pointer}/minLimit`,
            message: `minLimit ${min} of ${variableName(variable)} is above its maxLimit ${max}, so no value fits`,
          });
          continue;
        }
        for (const v of writtenValues(variable)) {
          const at = { file: component.source, pointer: v.pointer };
          if (dataType === 'integer' || dataType === 'decimal') {
            if (v.text === '' || !(dataType === 'integer' ? libocppInteger(v.text) : libocppDecimal(v.text))) continue; // value-type's finding
            const n = Number(v.text);
            if (Number.isNaN(n) || (n === 0 && ZERO_ALLOWED.has(`${component.key.name}.${variable.name}`))) continue;
            if ((min !== undefined && n < min) || (max !== undefined && n > max))
              ctx.report({
                ...at,
                message: `${v.label} of ${variableName(variable)} is ${v.secret ? 'out of range' : v.text}; ${range(min, max)} allowed, and libocpp rejects it when it is written`,
              });
            else if (ctx.target === 'libocpp' && dataType === 'integer' && n < 0 && max !== undefined)
              // validate_value compares the int with a size_t, so a negative integer is always above maxLimit
              ctx.report({
                ...at,
                severity: 'warning',
                message: `${v.label} of ${variableName(variable)} is negative; libocpp compares integers with maxLimit unsigned and rejects negative values when they are written`,
              });
          } else if (dataType === 'string' || (ctx.target !== 'libocpp' && isListType(dataType))) {
            // an empty string means "not set"; libocpp clears values without checking limits
            if (v.text === '') continue;
            // libocpp counts bytes (std::string::size); OCPP counts characters, the same for the ASCII OCPP strings use
            const length = Buffer.byteLength(v.text);
            const lo = dataType === 'string' && min !== undefined ? sizeLimit(min) : undefined;
            const hi = max !== undefined ? sizeLimit(max) : undefined;
            if ((lo !== undefined && length < lo) || (hi !== undefined && length > hi))
              ctx.report({
                ...at,
                message: `${v.label} of ${variableName(variable)} has ${length} characters; needs ${range(lo, hi)}${isListType(dataType) ? ' (OCPP: maxLimit of a list is the length of its text)' : ''}`,
                hint: v.secret ? undefined : `shorten or lengthen ${show(v)}, or change the limits`,
              });
          }
        }
      }
  },
});
