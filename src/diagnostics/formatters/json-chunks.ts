// JSON.stringify(value, null, 2) of an object, in pieces: the items of one array-valued key are written one by
// one, so that a fleet's hundreds of thousands of findings never become one string of tens of megabytes (nor
// one array of converted copies). The text is the same, byte for byte, as the whole object stringified.

/** Pieces of roughly this many characters: few writes, little memory. */
const PIECE = 64 * 1024;

export function* jsonChunks<T>(value: Record<string, unknown>, streamed: string, items: readonly T[], toJson: (item: T) => unknown): Generator<string> {
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
      out += `${i ? ',' : ''}\n    ${indent(JSON.stringify(toJson(items[i]), null, 2), '\n    ')}`;
      if (out.length >= PIECE) {
        yield out;
        out = '';
      }
    }
    out += '\n  ]';
  }
  yield `${out}${keys.length ? '\n' : ''}}`;
}

const indent = (text: string, newline: string) => (text.includes('\n') ? text.replace(/\n/g, newline) : text);
