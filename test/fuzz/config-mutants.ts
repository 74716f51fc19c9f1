import fc from 'fast-check';
import { mutatedText, wildJson } from './mutations.js';

// Mutations of one component file aimed at what libocpp's initializer checks: values, units, limits,
// monitors, escapes, data types, nesting, deleted keys. Each comes with a short description, so that a
// failing case can be read (and replayed with its seed) without the whole file.

export interface Mutant {
  text: string;
  what: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const DATA_TYPES = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'];
const MONITOR_TYPES = [
  'UpperThreshold',
  'LowerThreshold',
  'Delta',
  'Periodic',
  'PeriodicClockAligned',
  'TargetDelta',
  'TargetDeltaRelative',
];

// the usual values most of the time, any JSON value now and then
const rare = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 19 }, { arbitrary: wildJson, weight: 1 });

const valueText = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '+',
    '-',
    '007',
    '1e3',
    '1.5',
    '.5',
    '5.',
    'true',
    'TRUE',
    'false',
    'yes',
    '2024-02-30T00:00:00Z',
    '2024-01-01T00:00:00Z',
    '1,2',
    '°C',
    'x'.repeat(2501),
    'é'.repeat(1251),
  ),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
);
const attrValue = fc.oneof(
  valueText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  wildJson,
);
const unit = rare(
  fc.oneof(
    fc.constantFrom('A', 'W', 'kWh', '°C', 'Celsius', 'ééééééééé', 'x'.repeat(16), 'x'.repeat(17), '€'.repeat(6), '💥💥💥💥', ''),
    fc.string({ maxLength: 20 }),
  ),
);
const limit = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e39, -1e39, 3.4e38, 1e308),
  wildJson,
);
// mostly well-formed monitors, so that the subtle refusals (a type libocpp has no row for, Delta without a
// reference value) are not hidden behind a wrong shape
const monitor = fc.record(
  {
    config_type: rare(fc.constantFrom('HardWiredMonitor', 'PreconfiguredMonitor', 'PreconfiguredMonitor', 'CustomMonitor', 'Other')),
    severity: rare(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 9 }), weight: 9 }, { arbitrary: fc.constantFrom(-1, 10), weight: 1 })),
    type: rare(fc.constantFrom(...MONITOR_TYPES)),
    value: rare(
      fc.oneof(
        { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 9 },
        { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
      ),
    ),
    reference_value: rare(fc.constantFrom('0', '10', '')),
    transaction: rare(fc.boolean()),
  },
  { requiredKeys: ['config_type', 'severity', 'type', 'value'] },
);

// escapes are written into the text: JSON.stringify would write the character itself
const escape = fc.constantFrom('\\ud800', '\\udc00', '\\ud83d\\ude00', '\\ud83d', '\\u0000', '\\u001f', '\\\\ud800', '\\"', '\\/');
const nest = (depth: number, inner: unknown): unknown => {
  let v = inner;
  for (let i = 0; i < depth; i++) v = i % 2 ? { k: v } : [v];
  return v;
};

/** One domain mutation of a variable of the file, or of the file's top level. */
function domainMutant(base: string): fc.Arbitrary<Mutant> {
  const doc = JSON.parse(base) as Json;
  const keys = isObject(doc.properties) ? Object.keys(doc.properties) : [];
  if (keys.length === 0) return fc.constant({ text: base, what: 'unchanged' });
  const edit = (key: string, what: string, change: (v: Json, d: Json) => void): Mutant => {
    const d = structuredClone(doc);
    const v = (d.properties as Json)[key] as Json;
    change(v, d);
    return { text: JSON.stringify(d, null, 2), what: `${key}: ${what}` };
  };
  const chars = (v: Json) => (isObject(v.characteristics) ? v.characteristics : (v.characteristics = {}));
  const firstAttr = (v: Json) => (Array.isArray(v.attributes) && isObject(v.attributes[0]) ? v.attributes[0] : undefined);
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    fc
      .tuple(key, attrValue)
      .map(([k, x]) => edit(k, `Actual value ${JSON.stringify(x)?.slice(0, 40)}`, (v) => firstAttr(v) && (firstAttr(v)!.value = x))),
    fc.tuple(key, attrValue).map(([k, x]) => edit(k, `default ${JSON.stringify(x)?.slice(0, 40)}`, (v) => (v.default = x))),
    fc.tuple(key, unit).map(([k, x]) => edit(k, `unit ${JSON.stringify(x)}`, (v) => (chars(v).unit = x))),
    fc
      .tuple(key, fc.oneof(fc.constantFrom(...DATA_TYPES, 'Integer', 'float'), wildJson))
      .map(([k, x]) => edit(k, `dataType ${JSON.stringify(x)}`, (v) => (chars(v).dataType = x))),
    fc.tuple(key, limit, limit).map(([k, lo, hi]) =>
      edit(k, `limits ${JSON.stringify(lo)}..${JSON.stringify(hi)}`, (v) => {
        chars(v).minLimit = lo;
        chars(v).maxLimit = hi;
      }),
    ),
    fc
      .tuple(key, fc.oneof(fc.constantFrom('a,b', '1,2', 'x'.repeat(1001), 'é'.repeat(501), ''), wildJson))
      .map(([k, x]) => edit(k, `valuesList ${JSON.stringify(x)?.slice(0, 40)}`, (v) => (chars(v).valuesList = x))),
    fc.tuple(key, fc.array(monitor, { minLength: 1, maxLength: 2 }), rare(fc.constant(true))).map(([k, ms, sm]) =>
      edit(k, `monitors ${JSON.stringify(ms).slice(0, 120)} supportsMonitoring ${JSON.stringify(sm)}`, (v) => {
        v.monitors = ms;
        chars(v).supportsMonitoring = sm;
      }),
    ),
    fc
      .tuple(
        key,
        fc.constantFrom('Actual', 'Target', 'MinSet', 'MaxSet', 'actual', 'Current'),
        fc.constantFrom('ReadOnly', 'WriteOnly', 'ReadWrite', 'ReadOnce'),
      )
      .map(([k, type, mutability]) =>
        edit(k, `attribute ${type}/${mutability}`, (v) => {
          v.attributes = [...(Array.isArray(v.attributes) ? v.attributes : []), { type, mutability }];
        }),
      ),
    fc
      .tuple(
        key,
        fc.constantFrom(
          'variable_name',
          'characteristics',
          'attributes',
          'instance',
          'dataType',
          'supportsMonitoring',
          'type',
          'mutability',
          'value',
        ),
      )
      .map(([k, field]) =>
        edit(k, `delete ${field}`, (v) => {
          delete v[field];
          if (isObject(v.characteristics)) delete v.characteristics[field];
          const a = firstAttr(v);
          if (a) delete a[field];
        }),
      ),
    fc
      .tuple(
        key,
        rare(fc.constantFrom(1, 10, 0, -1, 2.5, '3', true)),
        rare(fc.record({ vendorId: rare(fc.constantFrom('org.example', 'é'.repeat(128), 'x'.repeat(256), '')) }, { requiredKeys: [] })),
      )
      .map(([k, maxElements, customData]) =>
        edit(k, `maxElements ${JSON.stringify(maxElements)}, customData ${JSON.stringify(customData)?.slice(0, 60)}`, (v) => {
          chars(v).maxElements = maxElements;
          (firstAttr(v) ?? chars(v)).customData = customData;
        }),
      ),
    fc
      .tuple(key, fc.integer({ min: 1, max: 600 }), wildJson)
      .map(([k, depth, inner]) => edit(k, `default nested ${depth} deep`, (v) => (v.default = nest(depth, inner)))),
    fc
      .tuple(
        key,
        fc.oneof(fc.constantFrom('name', 'evse_id', 'connector_id', 'instance', 'properties'), fc.string({ maxLength: 8 })),
        wildJson,
      )
      .map(([k, field, x]) => edit(k, `top-level ${field} = ${JSON.stringify(x)?.slice(0, 40)}`, (_, d) => (d[field] = x))),
    fc
      .tuple(key, fc.constantFrom('name', 'evse_id', 'connector_id', 'instance', 'properties'))
      .map(([k, field]) => edit(k, `delete top-level ${field}`, (_, d) => delete d[field])),
    fc.tuple(fc.nat(), escape).map(([n, esc]) => {
      // into the n-th string of the text (keys included)
      const quotes = [...base.matchAll(/"(?:[^"\\]|\\.)*"/g)];
      const m = quotes[n % quotes.length];
      const at = m.index + 1;
      return { text: base.slice(0, at) + esc + base.slice(at), what: `escape ${esc} inside ${m[0].slice(0, 40)}` };
    }),
  );
}

/** A mutant of one component file: generic text mutations (fuzz suite) or domain ones, about half each. */
export const fileMutant = (base: string): fc.Arbitrary<Mutant> =>
  fc.oneof(
    { arbitrary: domainMutant(base), weight: 3 },
    { arbitrary: mutatedText(base).map((text) => ({ text, what: 'generic text mutation' })), weight: 1 },
  );
