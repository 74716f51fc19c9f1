import type { ErrorObject } from 'ajv';
import validateComponent from '../schema/generated/component-validator.js';
import { joinPointer } from '../model/index.js';
import type { SourceFile } from '../model/index.js';
import { defineRule } from './rule.js';
import type { RuleContext } from './rule.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const jsonType = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;

function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

const lastSegment = (pointer: string) => {
  const seg = pointer.split('/').pop() ?? '';
  return seg === '' ? 'the file' : /^\d+$/.test(seg) ? `item ${seg}` : `"${seg.replace(/~1/g, '/').replace(/~0/g, '~')}"`;
};

const WHY: Record<string, string> = {
  properties: 'libocpp skips a component file without "properties", so the component silently vanishes from the station',
  name: 'libocpp rejects a component without a name',
  attributes: 'libocpp rejects a variable without "attributes"',
  characteristics: 'libocpp rejects a variable without "characteristics"',
  variable_name: 'libocpp rejects a variable without "variable_name"',
};

/** Turns one ajv error into a plain-language message; never echoes a value that may be secret. */
function describe(err: ErrorObject, doc: unknown): { pointer: string; message: string; hint?: string } {
  const at = err.instancePath;
  const where = lastSegment(at);
  switch (err.keyword) {
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      return { pointer: at, message: `missing required property "${missing}"${WHY[missing] ? `: ${WHY[missing]}` : ''}` };
    }
    case 'type': {
      const expected = String((err.params as { type: string | string[] }).type).replace(/,/g, ' or ');
      const got = jsonType(valueAt(doc, at));
      const hint = got === 'string' && /integer|number|boolean/.test(expected) ? `write it without quotes` : undefined;
      return {
        pointer: at,
        message: `${where} must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}, not ${got === 'integer' ? 'a number' : `${got === 'array' || got === 'object' ? 'an' : 'a'} ${got}`}`,
        hint,
      };
    }
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      const got = valueAt(doc, at);
      return { pointer: at, message: `${where} is ${JSON.stringify(got)}; expected one of ${allowed}` };
    }
    case 'maxLength': {
      const limit = (err.params as { limit: number }).limit;
      const got = valueAt(doc, at);
      const len = typeof got === 'string' ? [...got].length : 0;
      return { pointer: at, message: `${where} has ${len} characters; at most ${limit} are allowed` };
    }
    case 'minLength':
      return { pointer: at, message: `${where} must not be empty` };
    case 'minimum':
    case 'maximum':
      return { pointer: at, message: `${where} ${err.message ?? 'is out of range'}` };
    default:
      return { pointer: at, message: `${where} ${err.message ?? 'does not match the component schema'}` };
  }
}

// The schema's maxLength counts characters; libocpp's CiString<N> counts UTF-8 bytes and throws beyond N, so
// "°C" reaches 16 bytes before 16 characters. Only strings within the character limit are checked here
// (longer ones are the schema's finding already).
function reportByteLengths(file: SourceFile, report: RuleContext['report']) {
  const doc = file.json as { properties?: unknown };
  if (!isObject(doc) || !isObject(doc.properties)) return;
  const check = (value: unknown, pointer: string, what: string, limit: number) => {
    if (typeof value !== 'string' || [...value].length > limit) return;
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > limit)
      report({
        file,
        pointer,
        message: `${what} has ${[...value].length} characters but ${bytes} bytes in UTF-8; libocpp counts bytes, allows at most ${limit} and refuses the config`,
        hint: 'use ASCII characters (for example "Celsius" instead of "°C")',
      });
  };
  const vendorId = (customData: unknown, pointer: string) =>
    isObject(customData) && check(customData.vendorId, joinPointer(pointer, 'customData', 'vendorId'), 'customData.vendorId', 255);
  for (const [key, variable] of Object.entries(doc.properties)) {
    if (!isObject(variable)) continue;
    const at = joinPointer('/properties', key);
    const c = variable.characteristics;
    if (isObject(c)) {
      const cAt = joinPointer(at, 'characteristics');
      check(c.unit, joinPointer(cAt, 'unit'), 'the unit', 16);
      check(c.valuesList, joinPointer(cAt, 'valuesList'), 'valuesList', 1000);
      vendorId(c.customData, cAt);
    }
    if (Array.isArray(variable.attributes))
      variable.attributes.forEach((a, i) => isObject(a) && vendorId(a.customData, joinPointer(at, 'attributes', i)));
  }
}

export default defineRule({
  id: 'component-schema',
  severity: 'error',
  description: 'Each component file has the shape libocpp reads (name, properties, variables with characteristics and attributes)',
  check(ctx) {
    for (const file of ctx.tree.files) {
      if (file.json === undefined) continue;
      if (!validateComponent(file.json))
        for (const err of validateComponent.errors ?? []) {
          // ajv reports the failed branch of `type: [a, b]` once; anything else is one finding per error
          const d = describe(err, file.json);
          ctx.report({ file, pointer: d.pointer, message: d.message, hint: d.hint });
        }
      reportByteLengths(file, (f) => ctx.report(f));
    }
  },
});
