// Where and why a text that JSON.parse rejected stops being JSON. V8's message gives no position for some
// errors ("Unexpected token 'x', ..."), and a syntax-tree parser such as momoa builds the whole tree before it
// reaches an error at the end (10 s and 1.4 GB for a 50 MB file with one trailing comma). This scans once,
// without recursion or allocation per value, so the error path costs what JSON.parse costs.

export interface SyntaxErrorAt {
  offset: number;
  message: string;
}

const WS = /[ \t\n\r]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES = '"\\/bfnrt';
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

const describeChar = (text: string, i: number) => {
  if (i >= text.length) return 'the end of the file';
  const c = text.charCodeAt(i);
  return c < 0x20 || c === 0x7f
    ? `a control character (U+${c.toString(16).padStart(4, '0')})`
    : `'${String.fromCodePoint(text.codePointAt(i)!)}'`;
};

/** The first offset at which `text` is not JSON, with a message; undefined when it is JSON after all. */
export function findSyntaxError(text: string): SyntaxErrorAt | undefined {
  const stack: number[] = [];
  let i = 0;
  const ws = () => {
    WS.lastIndex = i;
    WS.test(text);
    i = WS.lastIndex;
  };
  const fail = (message: string, at = i): SyntaxErrorAt => ({ offset: at, message });
  // after a string's opening quote: returns an error or undefined with i past the closing quote. A loop, not a
  // regex: V8's regex engine would keep a backtracking entry per escape and overflow on a string of millions
  const string = (): SyntaxErrorAt | undefined => {
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail(`${describeChar(text, i)} inside a string; write it as an escape such as \\n or \\t`);
      if (c !== 0x5c) continue;
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 && HEX4.test(text.slice(i + 2, i + 6))) i += 5;
      else if (SIMPLE_ESCAPES.includes(text[i + 1])) i++;
      else return fail('invalid escape in a string (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)');
    }
    return fail('unterminated string');
  };
  // before a key: the opening quote, the string, the colon
  const key = (): SyntaxErrorAt | undefined => {
    ws();
    if (text.charCodeAt(i) !== 0x22) {
      const c = text.charCodeAt(i);
      if (c === 0x7d && afterComma(text, i)) return fail("unexpected '}' after a comma (trailing commas are not JSON)");
      return fail(`expected a property name in double quotes, found ${describeChar(text, i)}`);
    }
    const err = string();
    if (err) return err;
    ws();
    if (text.charCodeAt(i) !== 0x3a) return fail(`expected ':' after the property name, found ${describeChar(text, i)}`);
    i++;
    return undefined;
  };

  value: for (;;) {
    ws();
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      i++;
      ws();
      if (text.charCodeAt(i) === c + 2) {
        stack.pop();
        i++;
      } else {
        if (c === 0x7b) {
          const err = key();
          if (err) return err;
        }
        continue value;
      }
    } else if (c === 0x22) {
      const err = string();
      if (err) return err;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail('invalid number', start);
      i = NUMBER.lastIndex;
      const n = text.charCodeAt(i);
      if (n === 0x2e || n === 0x65 || n === 0x45 || (n >= 0x30 && n <= 0x39)) return fail('invalid number', start);
    } else {
      LITERAL.lastIndex = i;
      if (LITERAL.test(text)) i = LITERAL.lastIndex;
      else if ((c === 0x5d || c === 0x7d) && afterComma(text, i))
        return fail(`unexpected '${text[i]}' after a comma (trailing commas are not JSON)`);
      else return fail(`expected a value, found ${describeChar(text, i)}`);
    }
    // after a value: close containers, or a comma that leads to the next value
    for (;;) {
      ws();
      const open = stack.at(-1);
      if (open === undefined)
        return i < text.length ? fail(`unexpected ${describeChar(text, i)} after the end of the JSON value`) : undefined;
      const n = text.charCodeAt(i);
      if (n === 0x2c) {
        i++;
        if (open === 0x7b) {
          const err = key();
          if (err) return err;
        }
        continue value;
      }
      if (n === open + 2) {
        stack.pop();
        i++;
        continue;
      }
      return fail(`expected ',' or '${open === 0x7b ? '}' : ']'}', found ${describeChar(text, i)}`);
    }
  }
}

function afterComma(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[ \t\n\r]/.test(text[i])) i--;
  return text.charCodeAt(i) === 0x2c;
}
