import fc from 'fast-check';

/** A JSON value of any shape a hand-edited file could hold, including the awkward ones. */
export const wildJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -0,
      1e308,
      -1e308,
      2 ** 53 + 1,
      // eslint-disable-next-line no-loss-of-precision -- 2^53 + 1 written out: JSON numbers beyond double precision are part of the fuzz
      9007199254740993,
      -1,
      0.1,
      1e-320,
      '',
      ' ',
      '\u0000',
      '\uFFFF',
      '💥',
      '../../etc/passwd',
      'a'.repeat(3000),
    ),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

type Path = (string | number)[];

function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

const nest = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);

/**
 * Text mutations of a valid component file: structure-aware ones (a node replaced, removed, given a wrong
 * type or a huge number, a duplicate key) and byte-level ones (flips, truncation, insertion, deep nesting).
 */
export function mutatedText(base: string): fc.Arbitrary<string> {
  const json = JSON.parse(base);
  const all = paths(json);
  const pick = fc.integer({ min: 0, max: all.length - 1 }).map((i) => all[i]);
  return fc.oneof(
    fc.tuple(pick, wildJson).map(([p, v]) => JSON.stringify(setAt(structuredClone(json), p, v, false), null, 2)),
    fc.tuple(pick.filter((p) => p.length > 0)).map(([p]) => JSON.stringify(setAt(structuredClone(json), p, undefined, true), null, 2)),
    fc
      .tuple(pick, fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '1.0', '1e3', '-0', '007', '"007"', '0x10', 'NaN'))
      .map(([p, raw]) =>
        JSON.stringify(setAt(structuredClone(json), p, '\u0001RAW\u0001', false), null, 2).replace('"\\u0001RAW\\u0001"', raw),
      ),
    fc.tuple(fc.nat(), fc.string({ maxLength: 10 })).map(([n, key]) => {
      const i = base.indexOf('{', n % base.length);
      return i < 0 ? base : `${base.slice(0, i + 1)}${JSON.stringify(key)}: 1, ${JSON.stringify(key)}: "x",${base.slice(i + 1)}`;
    }),
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([n, b]) => {
      const bytes = Buffer.from(base);
      bytes[n % bytes.length] = b;
      return bytes.toString('latin1');
    }),
    fc.nat().map((n) => base.slice(0, n % base.length)),
    fc
      .tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 8 }))
      .map(([n, s]) => base.slice(0, n % base.length) + s + base.slice(n % base.length)),
    fc
      .integer({ min: 1, max: 20000 })
      .map((d) => `{"name": "Deep", "properties": {"V": {"variable_name": "V", "attributes": ${nest(d, '1')}}}}`),
  );
}

/** Latin-1 strings from byte mutations must reach the loader as those bytes, not re-encoded as UTF-8. */
export const toBytes = (text: string) =>
  /[\u0080-\u00ff]/.test(text) && !/[\u0100-\uffff]/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(text);
