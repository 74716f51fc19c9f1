import type { Variable } from './config-tree.js';
import { joinPointer } from './source-file.js';
import type { SourceFile } from './source-file.js';
import { nlohmannNumberText, numberSourceText } from './json-number-text.js';

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

/** storedText for a value in a file: numbers as nlohmann prints them from their source text (60.0 stays "60.0"). */
export function storedTextAt(file: SourceFile, pointer: string, value: unknown): string {
  if (typeof value !== 'number') return storedText(value);
  const raw = numberSourceText(file, pointer, value);
  return raw === undefined ? storedText(value) : nlohmannNumberText(raw);
}

type AttributeEntry = { index: number; data: Record<string, unknown>; pointer: string };
// Most rules walk every attribute of every variable; building the list once per variable keeps a
// fleet run from spending its time allocating the same pointers again
const attributeLists = new WeakMap<Variable, readonly AttributeEntry[]>();

export function attributes(variable: Variable): readonly AttributeEntry[] {
  let cached = attributeLists.get(variable);
  if (!cached) {
    const list = variable.data.attributes;
    cached = Array.isArray(list)
      ? list.flatMap((a, index) => (isObject(a) ? [{ index, data: a, pointer: joinPointer(variable.pointer, 'attributes', index) }] : []))
      : [];
    attributeLists.set(variable, cached);
  }
  return cached;
}

/**
 * The value the station starts with for an attribute type: the attribute's own `value`, else (for Actual)
 * the variable's `default`, which libocpp writes into the Actual attribute with source `default`.
 */
export function effectiveValue(variable: Variable, type: AttributeType = 'Actual'): EffectiveValue {
  const attr = attributes(variable).find((a) => (a.data.type ?? 'Actual') === type);
  if (attr && 'value' in attr.data) {
    const pointer = joinPointer(attr.pointer, 'value');
    return { value: storedTextAt(variable.component.source, pointer, attr.data.value), raw: attr.data.value, pointer, fromDefault: false };
  }
  if (type === 'Actual' && 'default' in variable.data) {
    const pointer = joinPointer(variable.pointer, 'default');
    return {
      value: storedTextAt(variable.component.source, pointer, variable.data.default),
      raw: variable.data.default,
      pointer,
      fromDefault: true,
    };
  }
  return { value: undefined, raw: undefined, pointer: attr ? attr.pointer : variable.pointer, fromDefault: false };
}
