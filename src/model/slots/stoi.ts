const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * What C++ `std::stoi` returns for a text, or undefined where it throws. libocpp reads slot numbers and
 * integer slot values with it: leading whitespace is skipped, a sign is allowed and anything after the
 * digits is ignored, so `" 2"`, `"+2"` and `"2a"` all read as 2, while `""`, `"a2"` and values outside
 * 32 bits throw.
 */
export function stoi(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1] + m[2]);
  return n < INT32_MIN || n > INT32_MAX ? undefined : n === 0 ? 0 : n;
}

/** True when `stoi` would read the text and nothing in it is ignored or implied. */
export const isPlainInteger = (text: string) => /^-?(0|[1-9]\d*)$/.test(text) && stoi(text) !== undefined;
