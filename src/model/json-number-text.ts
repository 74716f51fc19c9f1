import type { ValueNode } from '@humanwhocodes/momoa';
import type { SourceFile } from './source-file.js';
import { scanRaw, stringEnd } from './json-scan.js';

// nlohmann::json keeps a number without '.', 'e' or 'E' as a 64-bit integer when it fits, anything else as a
// double; libocpp stores a JSON number as nlohmann's dump() of it, so 60 becomes "60" but 60.0 becomes "60.0"
// and 1e3 becomes "1000.0" (which libocpp's is_integer then rejects).
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** The text nlohmann::json's dump() gives for a number written as `raw` in a JSON file. */
export function nlohmannNumberText(raw: string): string {
  if (!/[.eE]/.test(raw)) {
    const n = BigInt(raw);
    if (n >= INT64_MIN && n <= UINT64_MAX) return n.toString();
  }
  return nlohmannDouble(Number(raw));
}

/** nlohmann's dtoa (Grisu2 digits, fixed notation for decimal exponents -4..15, ".0" on whole numbers). */
export function nlohmannDouble(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const k = digits.length;
  const n = Number(exp) + 1;
  let s: string;
  if (k <= n && n <= 15) s = `${digits}${'0'.repeat(n - k)}.0`;
  else if (0 < n && n <= 15) s = `${digits.slice(0, n)}.${digits.slice(n)}`;
  else if (-4 < n && n <= 0) s = `0.${'0'.repeat(-n)}${digits}`;
  else {
    const e = n - 1;
    s = `${k === 1 ? digits : `${digits[0]}.${digits.slice(1)}`}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return x < 0 ? `-${s}` : s;
}

// A file whose numbers (outside strings) have no fraction, exponent or long digit run holds only numbers whose
// JavaScript value prints as nlohmann prints them; only other files need a look at the raw text.
const NEEDS_RAW = /\d\.\d|\d[eE][+-]?\d|\d{16}/;
const needsRaw = new WeakMap<SourceFile, boolean>();
function hasRawNumbers(file: SourceFile): boolean {
  let found = needsRaw.get(file);
  if (found === undefined) needsRaw.set(file, (found = NEEDS_RAW.test(withoutStrings(file.text))));
  return found;
}

/** The text with every string emptied to "", so that digits inside strings are not taken for numbers. */
function withoutStrings(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('"'); open !== -1; open = text.indexOf('"', from)) {
    out += text.slice(from, open) + '""';
    from = stringEnd(text, open);
  }
  return out + text.slice(from);
}

/** The raw source text of the number at `pointer`, or undefined when it cannot be found. */
export function numberSourceText(file: SourceFile, pointer: string, value: number): string | undefined {
  if (!hasRawNumbers(file)) return String(value);
  if (file.json !== undefined) {
    const raw = scanRaw(file.text, pointer);
    return /^-?\d/.test(raw) ? raw : undefined;
  }
  let node: ValueNode | undefined = file.root;
  for (const seg of pointer === '' ? [] : pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.type === 'Object') {
      const members: typeof node.members = node.members;
      node = undefined;
      for (const m of members) if (m.name.type === 'String' && m.name.value === key) node = m.value;
    } else if (node?.type === 'Array') node = node.elements[Number(key)]?.value;
    else return undefined;
  }
  if (node?.type !== 'Number') return undefined;
  const { start, end } = node.loc;
  return start.offset !== undefined && end.offset !== undefined ? file.text.slice(start.offset, end.offset) : undefined;
}
