// JSON.stringify(value, null, 2) of an object, in pieces: the items of one array-valued key are written one by
// one, so that a fleet's hundreds of thousands of findings never become one string of tens of megabytes (nor
// one array of converted copies). The text is the same, byte for byte, as the whole object stringified.

/** Pieces of roughly this many characters: few writes, little memory. */
const PIECE = 64 * 1024;

export function* jsonChunks<T>(
  value: Record<string, unknown>,
  streamed: string,
  items: readonly T[],
  toJson: (item: T) => unknown,
): Generator<string> {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  let out = '{';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    out += `${k ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (key !== streamed) {
      out += indent(JSON.stringify(value[key], null, 2), '\n  ');
      continue;
    }
    if (items.length === 0) {
      out += '[]';
      continue;
    }
    out += '[';
    for (let i = 0; i < items.length; i++) {
      out += `${i ? ',' : ''}\n    ${item(toJson(items[i]))}`;
      if (out.length >= PIECE) {
        yield out;
        out = '';
      }
    }
    out += '\n  ]';
  }
  yield `${out}${keys.length ? '\n' : ''}}`;
}

// An item at depth 2, as JSON.stringify(…, null, 2) writes it there. An object's primitive values are written
// directly: stringifying with indentation costs several times more, and a fleet's report has 100,000s of items.
function item(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return indent(JSON.stringify(value, null, 2), '\n    ');
  let out = '';
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const text = v !== null && typeof v === 'object' ? indent(JSON.stringify(v, null, 2), '\n      ') : JSON.stringify(v);
    out += `${out ? ',' : ''}\n      ${JSON.stringify(key)}: ${text}`;
  }
  return out ? `{${out}\n    }` : '{}';
}

const indent = (text: string, newline: string) => (text.includes('\n') ? text.replace(/\n/g, newline) : text);
