import { escapeSegment, locate } from './source-file.js';
import type { Position, SourceFile } from './source-file.js';
import { lineColumnAt, lineStartsOf } from './line-starts.js';

// Building momoa's syntax tree costs far more than JSON.parse (about 100 ms cold for EVerest's 27 files),
// and a file needs positions only when a rule reports on it. This walks text that JSON.parse already
// accepted straight to one pointer, skipping everything else, so positions cost a scan instead of a tree.

interface Span {
  start: number;
  end: number;
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipWs(text: string, i: number): number {
  while (isWs(text.charCodeAt(i))) i++;
  return i;
}

const PLAIN = /[^"[\]{}]*/y;
const PRIMITIVE = /[-+.\deE]+|true|false|null/y;

// Strings are skipped with indexOf, not with a regex such as /"(?:[^"\\]|\\.)*"/: V8's regex engine keeps one
// backtracking entry per character or per token there, and a string of 30 MB or an object with a million keys
// overflows it ("Maximum call stack size exceeded"). This is as fast on ordinary files.
/** End (exclusive) of the string whose opening quote is at `i`; the text's length when it is not closed. */
export function stringEnd(text: string, i: number): number {
  for (let close = text.indexOf('"', i + 1); close !== -1; close = text.indexOf('"', close + 1)) {
    let b = close - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((close - 1 - b) % 2 === 0) return close + 1;
  }
  return text.length;
}

const skipString = stringEnd;

// What is known of one text: where each container ends (by the offset of its opening bracket, found in one pass
// over the text), and the start (and key) of every child of each container indexed so far, by pointer, plus a
// marker `${pointer}\0` for a container whose children are all recorded. Rules report many values of one file,
// so each container is indexed once, and skipping a nested container costs one lookup instead of a scan.
interface TextIndex {
  ends: Int32Array;
  entries: Map<string, Entry>;
}

interface Entry {
  start: number;
  key?: Span;
}

function containerEnds(text: string): Int32Array {
  const ends = new Int32Array(text.length);
  const open: number[] = [];
  for (let i = 0; ; i++) {
    // jump to the next quote or bracket: one call of the regex engine, which skips faster than a loop
    PLAIN.lastIndex = i;
    PLAIN.test(text);
    i = PLAIN.lastIndex;
    if (i >= text.length) return ends;
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i) - 1;
    else if (c === 0x7b || c === 0x5b) open.push(i);
    else {
      const at = open.pop();
      if (at !== undefined) ends[at] = i + 1;
    }
  }
}

/** End (exclusive) of the value starting at `i` (no leading whitespace). */
function skipValue(text: string, ends: Int32Array, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) return ends[i] || text.length;
  PRIMITIVE.lastIndex = i;
  return PRIMITIVE.test(text) ? PRIMITIVE.lastIndex : i;
}

const keyText = (text: string, span: Span) => {
  const raw = text.slice(span.start + 1, span.end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(span.start, span.end)) as string) : raw;
};

const indexes = new Map<string, TextIndex>();

function indexOf(text: string): TextIndex {
  let index = indexes.get(text);
  if (!index) {
    // findings come a few files at a time; keep the cache small
    if (indexes.size > 64) indexes.clear();
    indexes.set(text, (index = { ends: containerEnds(text), entries: new Map() }));
  }
  return index;
}

function indexChildren(text: string, { ends, entries }: TextIndex, pointer: string, start: number) {
  entries.set(`${pointer}\0`, { start });
  const open = text.charCodeAt(start);
  if (open === 0x7b) {
    let i = skipWs(text, start + 1);
    while (text.charCodeAt(i) === 0x22) {
      const key = { start: i, end: skipString(text, i) };
      i = skipWs(text, skipWs(text, key.end) + 1);
      entries.set(`${pointer}/${escapeSegment(keyText(text, key))}`, { start: i, key });
      i = skipWs(text, skipValue(text, ends, i));
      if (text.charCodeAt(i) === 0x2c) i = skipWs(text, i + 1);
    }
  } else if (open === 0x5b) {
    let i = skipWs(text, start + 1);
    for (let n = 0; text.charCodeAt(i) !== 0x5d && i < text.length; n++) {
      entries.set(`${pointer}/${n}`, { start: i });
      i = skipWs(text, skipValue(text, ends, i));
      if (text.charCodeAt(i) === 0x2c) i = skipWs(text, i + 1);
    }
  }
}

/**
 * Spans of the value at `pointer` and of its property name, in text that JSON.parse accepted and that has no
 * duplicate keys. Stops at the deepest value that exists, as `locate` does.
 */
export function scanPointer(text: string, pointer: string): { value: Span; key?: Span } {
  const index = indexOf(text);
  let at = '';
  let entry: Entry = { start: skipWs(text, 0) };
  for (const raw of pointer === '' ? [] : pointer.split('/').slice(1)) {
    if (!index.entries.has(`${at}\0`)) indexChildren(text, index, at, entry.start);
    // momoa's locate reads an array index with Number(), so "01" is element 1 there too
    const path = `${at}/${/^\d+$/.test(raw) && text.charCodeAt(entry.start) === 0x5b ? Number(raw) : raw}`;
    const child = index.entries.get(path);
    if (!child) break;
    at = path;
    entry = child;
  }
  return { value: { start: entry.start, end: skipValue(text, index.ends, entry.start) }, key: entry.key };
}

const lineStarts = new Map<string, number[]>();

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let starts = lineStarts.get(text);
  if (!starts) {
    starts = lineStartsOf(text);
    // a few files at a time are being reported on; keep the index small
    if (lineStarts.size > 64) lineStarts.clear();
    lineStarts.set(text, starts);
  }
  return lineColumnAt(starts, offset);
}

/** The position `locate` gives, found by scanning: of the value, or with `key` of its property name. */
export function scanPosition(text: string, pointer: string, key = false): Position {
  const { value, key: keySpan } = scanPointer(text, pointer);
  const span = key && keySpan ? keySpan : value;
  const start = lineColumn(text, span.start);
  const end = lineColumn(text, span.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export interface DuplicateKey {
  /** Pointer of the repeated key's value. */
  pointer: string;
  name: string;
  /** The repeated key, and the same key where it was written before. */
  key: Position;
  previous: Position;
}

/**
 * Every key written again in its object, in text order, in text that JSON.parse accepted. One pass with an
 * explicit stack: a syntax tree of a 50 MB file costs gigabytes, and recursion overflows on deep nesting.
 */
export function duplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: { pointer: string; keys?: Map<string, Span>; index: number }[] = [];
  const span = (s: Span): Position => {
    const a = lineColumn(text, s.start);
    const b = lineColumn(text, s.end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  let i = skipWs(text, 0);
  // reads the key at i (an object's member), leaves i at its value and returns the value's pointer
  const member = (frame: { pointer: string; keys?: Map<string, Span> }) => {
    const key = { start: i, end: stringEnd(text, i) };
    const name = keyText(text, key);
    const pointer = `${frame.pointer}/${escapeSegment(name)}`;
    const previous = frame.keys!.get(name);
    if (previous) out.push({ pointer, name, key: span(key), previous: span(previous) });
    frame.keys!.set(name, key);
    i = skipWs(text, skipWs(text, key.end) + 1);
    return pointer;
  };
  let pointer = '';
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const frame = { pointer, keys: c === 0x7b ? new Map<string, Span>() : undefined, index: 0 };
      i = skipWs(text, i + 1);
      if (text.charCodeAt(i) !== c + 2) {
        stack.push(frame);
        pointer = frame.keys ? member(frame) : `${frame.pointer}/0`;
        continue;
      }
      i++;
    } else if (c === 0x22) i = stringEnd(text, i);
    else {
      PRIMITIVE.lastIndex = i;
      PRIMITIVE.test(text);
      i = Math.max(PRIMITIVE.lastIndex, i + 1);
    }
    // after a value: a comma leads to the next one; a bracket closes the container, itself a value
    for (;;) {
      i = skipWs(text, i);
      const frame = stack.at(-1);
      if (!frame || i >= text.length) return out;
      if (text.charCodeAt(i) === 0x2c) {
        i = skipWs(text, i + 1);
        frame.index++;
        pointer = frame.keys ? member(frame) : `${frame.pointer}/${frame.index}`;
        break;
      }
      stack.pop();
      i++;
    }
  }
}

/** The raw text of the value at `pointer`. */
export const scanRaw = (text: string, pointer: string) => {
  const { value } = scanPointer(text, pointer);
  return text.slice(value.start, value.end);
};

/**
 * `locate`, by scanning when the file parsed (the syntax tree is then never built). With a repeated key the
 * last one wins here too: the index of an object's children keeps the last child of each name.
 */
export function locateFast(file: SourceFile, pointer: string, opts: { key?: boolean } = {}): Position {
  if (file.json !== undefined) return scanPosition(file.text, pointer, opts.key);
  return locate(file, pointer, opts);
}
