import type { Variable } from './config-tree.js';
import { joinPointer } from './source-file.js';

export type AttributeType = 'Actual' | 'Target' | 'MinSet' | 'MaxSet';

export interface EffectiveValue {
  /** The value as libocpp stores it (a string), or undefined when the variable has none. */
  value: string | undefined;
  /** The JSON value as written. */
  raw: unknown;
  /** Where the value is written: the attribute's `value`, or the variable's `default`. */
  pointer: string;
  fromDefault: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * libocpp stores every value as text: strings as they are, booleans as true/false, anything else as its JSON
 * text (get_string_value_from_json / VariableAttribute from_json in libocpp).
 */
export function storedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

export function attributes(variable: Variable): { index: number; data: Record<string, unknown>; pointer: string }[] {
  const list = variable.data.attributes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((a, index) => (isObject(a) ? [{ index, data: a, pointer: joinPointer(variable.pointer, 'attributes', index) }] : []));
}

/**
 * The value the station starts with for an attribute type: the attribute's own `value`, else (for Actual)
 * the variable's `default`, which libocpp writes into the Actual attribute with source `default`.
 */
export function effectiveValue(variable: Variable, type: AttributeType = 'Actual'): EffectiveValue {
  const attr = attributes(variable).find((a) => (a.data.type ?? 'Actual') === type);
  if (attr && 'value' in attr.data) {
    return { value: storedText(attr.data.value), raw: attr.data.value, pointer: joinPointer(attr.pointer, 'value'), fromDefault: false };
  }
  if (type === 'Actual' && 'default' in variable.data) {
    return { value: storedText(variable.data.default), raw: variable.data.default, pointer: joinPointer(variable.pointer, 'default'), fromDefault: true };
  }
  return { value: undefined, raw: undefined, pointer: attr ? attr.pointer : variable.pointer, fromDefault: false };
}
