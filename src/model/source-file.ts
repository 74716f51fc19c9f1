import { parse } from '@humanwhocodes/momoa';
import type { AnyNode, ValueNode, MemberNode } from '@humanwhocodes/momoa';
import { findSyntaxError } from './json-syntax-error.js';
import { duplicateKeys, scanPosition } from './json-scan.js';

export type Folder = 'standardized' | 'custom';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A problem found while reading a file, before any rule runs. */
export interface FileProblem {
  ruleId: 'json-syntax' | 'duplicate-key';
  message: string;
  pointer: string;
  position: Position;
  hint?: string;
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Display path: relative to the working directory, forward slashes. */
  file: string;
  folder: Folder;
  text: string;
  /** Parsed document; undefined when the file could not be parsed. */
  root?: ValueNode;
  /** The document as plain JSON (last duplicate key wins, as in libocpp's nlohmann::json). */
  json?: unknown;
  problems: FileProblem[];
}

const START: Position = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const escapeSegment = (s: string) => (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);
const unescapeSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

// Pointers are built for every value that is read, thousands per run, mostly by code that runs once and so is
// never optimised: plain concatenation, not map and join.
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) out += typeof s === 'number' ? `/${s}` : `/${escapeSegment(s)}`;
  return out;
}

export const pointerOf = (...segments: (string | number)[]) => joinPointer('', ...segments);

const toPosition = (node: AnyNode): Position => ({
  line: node.loc.start.line,
  column: node.loc.start.column,
  endLine: node.loc.end.line,
  endColumn: node.loc.end.column,
});

function positionAtOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = Math.min(offset, text.length) - lineStart + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/** Finds the member node of an object by key; with duplicates the last one wins, like the parsed value. */
function lastMember(node: ValueNode, key: string): MemberNode | undefined {
  if (node.type !== 'Object') return undefined;
  let found: MemberNode | undefined;
  for (const m of node.members) if (m.name.type === 'String' && m.name.value === key) found = m;
  return found;
}

/**
 * Position of the value at `pointer`. With `key: true`, the position of the property name instead
 * (used for findings about a key itself, such as a duplicate). Falls back to the deepest existing node.
 */
export function locate(file: SourceFile, pointer: string, opts: { key?: boolean } = {}): Position {
  if (!file.root) return START;
  let node: ValueNode = file.root;
  let keyNode: AnyNode | undefined;
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeSegment);
  for (const seg of segments) {
    if (node.type === 'Object') {
      const m = lastMember(node, seg);
      if (!m) break;
      keyNode = m.name;
      node = m.value;
    } else if (node.type === 'Array') {
      const el = node.elements[Number(seg)];
      if (!el || !/^\d+$/.test(seg)) break;
      keyNode = undefined;
      node = el.value;
    } else break;
  }
  return toPosition(opts.key && keyNode ? keyNode : node);
}

function syntax(message: string, position: Position, hint?: string): FileProblem {
  return { ruleId: 'json-syntax', message, pointer: '', position, hint };
}

/** Decodes and parses one component file. Never throws for bad content: problems are recorded on the file. */
export function parseSourceFile(path: string, file: string, folder: Folder, bytes: Uint8Array): SourceFile {
  const src: SourceFile = { path, file, folder, text: '', problems: [] };
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // nlohmann::json skips a UTF-8 BOM, but other tools (jq, editors' JSON modes, Python's json) reject it
    src.problems.push(syntax('file starts with a UTF-8 byte order mark (BOM)', START, 'save the file as UTF-8 without BOM'));
    start = 3;
  }
  try {
    src.text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const bad = firstInvalidUtf8(bytes, start);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(start, bad));
    src.problems.push(
      syntax(
        `invalid UTF-8 byte 0x${bytes[bad]?.toString(16).padStart(2, '0')}`,
        positionAtOffset(prefix, prefix.length),
        'save the file as UTF-8',
      ),
    );
    return src;
  }
  if (src.text.trim() === '') {
    src.problems.push(syntax('file is empty; a component file must hold one JSON object', START));
    return src;
  }
  // Fast path: the native parser is an order of magnitude quicker than momoa, which matters for fleets of
  // thousands of files. The AST (for line/column) is built on first use, so only files with findings pay for it.
  // A file with a duplicate key takes the slow path, which reports each duplicate with its position.
  let json: unknown;
  try {
    json = JSON.parse(src.text);
  } catch (err) {
    // no syntax tree here: momoa would build one for the whole file before it reaches an error at the end
    const found = findSyntaxError(src.text) ?? { offset: 0, message: (err as Error).message };
    src.problems.push(syntax(`invalid JSON: ${found.message}`, positionAtOffset(src.text, found.offset)));
    return src;
  }
  const shape = walkParsed(src.text, json);
  if (shape.tooDeep) {
    // rules and libocpp's text of a value recurse into it; a located error here instead of a stack overflow there
    const pointer = firstTooDeep(json);
    src.problems.push({
      ruleId: 'json-syntax',
      message: `the JSON nests more than ${MAX_DEPTH} levels deep here; ocppctl reads at most ${MAX_DEPTH}`,
      pointer,
      position: scanPosition(src.text, pointer),
      hint: 'a component file needs a handful of levels; flatten this value',
    });
    return src;
  }
  const lone = loneSurrogate(src.text);
  if (lone !== undefined)
    // JSON.parse takes a lone surrogate escape; nlohmann::json's parser throws, and libocpp does not start
    src.problems.push(
      syntax(
        `invalid JSON for libocpp: ${src.text.slice(lone, lone + 6)} is half of a UTF-16 surrogate pair`,
        positionAtOffset(src.text, lone),
        'write the character itself, or both halves of the pair',
      ),
    );
  // JSON.parse keeps the last of repeated keys, as nlohmann does
  src.json = json;
  defineLazyRoot(src);
  if (shape.duplicateKey)
    for (const d of duplicateKeys(src.text))
      src.problems.push({
        ruleId: 'duplicate-key',
        message: `duplicate key "${d.name}" (first at line ${d.previous.line}); libocpp keeps only the last one`,
        pointer: d.pointer,
        position: d.key,
        hint: 'remove or rename one of the two keys',
      });
  return src;
}

/**
 * The same parse for byte-identical content at another path (a fleet's copies of one file): text, value and
 * problems are shared, never copied; the syntax tree, when needed, is built for the copy on its own.
 */
export function withPath(src: SourceFile, path: string, file: string): SourceFile {
  const copy: SourceFile = { path, file, folder: src.folder, text: src.text, problems: src.problems };
  if (src.json === undefined) return copy;
  copy.json = src.json;
  defineLazyRoot(copy);
  return copy;
}

/** A file that was not read: not a regular file, or over the size limit. Reported as json-syntax at 1:1. */
export function unreadFile(path: string, file: string, folder: Folder, message: string, hint?: string): SourceFile {
  return { path, file, folder, text: '', problems: [syntax(message, START, hint)] };
}

/** Offset of the first \\uD800-\\uDFFF escape that is not part of a high-low pair, if any. */
export function loneSurrogate(text: string): number | undefined {
  if (!/\\u[dD][89a-fA-F]/.test(text)) return undefined;
  const escape = /(\\+)u([0-9a-fA-F]{4})/g;
  let pendingHigh: number | undefined;
  let pendingEnd = -1;
  for (let m; (m = escape.exec(text));) {
    if (m[1].length % 2 === 0) continue;
    const at = m.index + m[1].length - 1;
    const code = parseInt(m[2], 16);
    if (pendingHigh !== undefined && (at !== pendingEnd || code < 0xdc00 || code > 0xdfff)) return pendingHigh;
    if (pendingHigh !== undefined) {
      pendingHigh = undefined;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      pendingHigh = at;
      pendingEnd = m.index + m[0].length;
    } else if (code >= 0xdc00 && code <= 0xdfff) return at;
  }
  return pendingHigh;
}

function defineLazyRoot(src: SourceFile) {
  const settle = (value: ValueNode | undefined) =>
    Object.defineProperty(src, 'root', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(src, 'root', {
    enumerable: true,
    configurable: true,
    get() {
      let body: ValueNode | undefined;
      try {
        body = parse(src.text, { mode: 'json' }).body;
      } catch {
        body = undefined;
      }
      settle(body);
      return body;
    },
    set: settle,
  });
}

/** Containers deeper than this are a json-syntax error (the root object is level 1). */
export const MAX_DEPTH = 256;

// JSON.parse keeps one property per distinct key of an object, so the keys written in the text outnumber
// the properties of the parsed value exactly when some object repeats a key. The text already passed
// JSON.parse, so every quote outside a string opens one; indexOf jumps from string to string without
// allocating, which matters when thousands of files are read on a few cores. The same walk over the value
// measures its depth, without recursion.
function walkParsed(text: string, parsed: unknown): { duplicateKey: boolean; tooDeep: boolean } {
  let kept = 0;
  const pending: unknown[] = [parsed];
  const depths: number[] = [1];
  while (pending.length) {
    const v = pending.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DEPTH) return { duplicateKey: false, tooDeep: true };
    if (Array.isArray(v))
      for (const x of v) {
        pending.push(x);
        depths.push(depth + 1);
      }
    else
      for (const k in v) {
        kept++;
        pending.push((v as Record<string, unknown>)[k]);
        depths.push(depth + 1);
      }
  }
  let written = 0;
  for (let open = text.indexOf('"'); open !== -1;) {
    let close = text.indexOf('"', open + 1);
    for (;;) {
      let b = close - 1;
      while (text.charCodeAt(b) === 0x5c) b--;
      if ((close - 1 - b) % 2 === 0) break;
      close = text.indexOf('"', close + 1);
    }
    let k = close + 1;
    for (let c = text.charCodeAt(k); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++k));
    if (text.charCodeAt(k) === 0x3a) written++;
    open = text.indexOf('"', k);
  }
  return { duplicateKey: written !== kept, tooDeep: false };
}

/** Pointer of the first container nested deeper than MAX_DEPTH (only called when there is one). */
function firstTooDeep(parsed: unknown): string {
  const pending: { v: unknown; pointer: string; depth: number }[] = [{ v: parsed, pointer: '', depth: 1 }];
  while (pending.length) {
    const { v, pointer, depth } = pending.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DEPTH) return pointer;
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--)
      pending.push({ v: entries[i][1], pointer: joinPointer(pointer, entries[i][0]), depth: depth + 1 });
  }
  return '';
}

// Only called after TextDecoder rejected the bytes, to say where: the offset of the first byte that does not
// start or continue a well-formed UTF-8 sequence (overlong forms and surrogates included).
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const b1 = bytes[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += len;
  }
  return Math.max(from, bytes.length - 1);
}
