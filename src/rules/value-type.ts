import {
  canonicalDecimal,
  canonicalInteger,
  characteristics,
  libocppBoolean,
  libocppDateTime,
  libocppDecimal,
  libocppInteger,
  rfc3339Problem,
  show,
  variableName,
  writtenValues,
} from './data-types.js';
import type { DataType, WrittenValue } from './data-types.js';
import { defineRule } from './rule.js';

// VariableAttribute.value is a CiString<2500> in libocpp: a longer value throws while the file is read
const MAX_VALUE_BYTES = 2500;
const INT32 = 2 ** 31;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What is wrong with a value for its dataType, and whether libocpp's initializer itself refuses it. */
function problem(type: DataType, v: WrittenValue): { why: string; hint?: string } | undefined {
  const s = v.text;
  if (Array.isArray(v.raw) || (typeof v.raw === 'object' && v.raw !== null))
    return {
      why: `is a JSON ${Array.isArray(v.raw) ? 'array' : 'object'}; libocpp stores its JSON text instead of a value`,
      hint: 'write the value as a string',
    };
  switch (type) {
    case 'integer':
      if (s === '') return { why: 'is empty; an integer variable needs a number', hint: 'write a whole number or remove the value' };
      if (!libocppInteger(s))
        return NUMBER.test(s)
          ? {
              why: `is ${show(v)}, not an integer: libocpp accepts only digits, no fraction or exponent`,
              hint:
                !v.secret && typeof v.raw === 'number' && Number.isSafeInteger(v.raw)
                  ? `write "${v.raw}"`
                  : 'write the whole number in plain digits',
            }
          : { why: `is ${show(v)}, not an integer` };
      if (!canonicalInteger(s))
        return {
          why: `is ${show(v)}, not a plain integer (a sign alone, a plus sign or leading zeros)`,
          hint: 'write the number as -?digits without leading zeros',
        };
      if (Math.abs(Number(s)) >= INT32 && Number(s) !== -INT32)
        return { why: `is ${show(v)}, which does not fit a 32-bit integer (libocpp's std::stoi rejects it)` };
      return undefined;
    case 'decimal':
      if (s === '') return { why: 'is empty; a decimal variable needs a number', hint: 'write a number or remove the value' };
      if (!libocppDecimal(s))
        return NUMBER.test(s)
          ? {
              why: `is ${show(v)}, not a decimal libocpp reads: it accepts only digits and one point, no exponent`,
              hint: 'write the number in plain digits, e.g. "0.001"',
            }
          : { why: `is ${show(v)}, not a decimal` };
      if (!canonicalDecimal(s)) return { why: `is ${show(v)}, not a plain decimal number`, hint: 'write it as -?digits[.digits]' };
      return undefined;
    case 'boolean':
      if (!libocppBoolean(s)) return { why: `is ${show(v)}, not a boolean`, hint: 'write true or false' };
      return undefined;
    case 'dateTime': {
      if (s === '') return undefined;
      if (!libocppDateTime(s))
        return { why: `is ${show(v)}, not a date-time libocpp accepts (YYYY-MM-DDThh:mm:ss[.sss] with Z or ±hh:mm)` };
      const rfc = rfc3339Problem(s);
      return rfc ? { why: `is ${show(v)}, which ${rfc}` } : undefined;
    }
    default:
      return undefined;
  }
}

export default defineRule({
  id: 'value-type',
  severity: 'error',
  description: "Every attribute value and default parses as the variable's dataType, as libocpp parses it",
  check(ctx) {
    for (const component of ctx.tree.components)
      for (const variable of component.variables) {
        const { dataType } = characteristics(variable);
        for (const v of writtenValues(variable)) {
          const bytes = Buffer.byteLength(v.text);
          if (bytes > MAX_VALUE_BYTES)
            ctx.report({
              file: component.source,
              pointer: v.pointer,
              message: `${v.label} of ${variableName(variable)} has ${bytes === v.text.length ? `${bytes} characters` : `${bytes} bytes`}; libocpp stores at most ${MAX_VALUE_BYTES} and refuses to start`,
            });
          if (!dataType) continue;
          const p = problem(dataType, v);
          if (p)
            ctx.report({
              file: component.source,
              pointer: v.pointer,
              message: `${v.label} of ${variableName(variable)} ${p.why}`,
              hint: p.hint,
            });
        }
      }
  },
});
