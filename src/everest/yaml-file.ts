import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Position } from '../model/index.js';

/** A problem that keeps the YAML file from being read as EVerest reads it; located, never thrown. */
export interface YamlProblem {
  message: string;
  position: Position;
  /** The manager cannot read the file at all (a duplicate key is not fatal: EVerest keeps the last one). */
  fatal: boolean;
}

export interface YamlFile {
  /** Absolute path. */
  path: string;
  /** As the user named it, relative to the working directory, forward slashes. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (aliases and merge keys resolved); undefined when it did not parse. */
  data: unknown;
  problems: YamlProblem[];
}

const START: Position = { line: 1, column: 1, endLine: 1, endColumn: 1 };

// `yaml` reports syntax errors, duplicate keys and tab indentation with offsets, which the LineCounter turns
// into lines and columns.
export function parseYamlFile(path: string, file: string, text: string): YamlFile {
  // a BOM is not part of the first line's columns
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, uniqueKeys: true, merge: true, prettyErrors: false });
  const out: YamlFile = { path, file, doc, lineCounter, data: undefined, problems: [] };
  const at = (start: number, end: number): Position => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  for (const e of doc.errors)
    out.problems.push({ message: yamlMessage(e.code, e.message), position: at(e.pos[0], e.pos[1]), fatal: e.code !== 'DUPLICATE_KEY' });
  if (out.problems.some((p) => p.fatal)) return out;
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    out.problems.push({
      message: 'the file holds no YAML document; EVerest needs a mapping with active_modules',
      position: START,
      fatal: true,
    });
    return out;
  }
  if (!isMap(doc.contents)) {
    const r = doc.contents.range ?? [0, 0, 0];
    out.problems.push({
      message: `the top level is a ${isSeq(doc.contents) ? 'sequence' : 'scalar'}; EVerest needs a mapping with active_modules`,
      position: at(r[0], r[1]),
      fatal: true,
    });
    return out;
  }
  try {
    out.data = doc.toJS({ maxAliasCount: 10_000 });
  } catch (err) {
    out.problems.push({ message: `the document cannot be expanded: ${(err as Error).message}`, position: START, fatal: true });
  }
  return out;
}

const CODES: Record<string, string> = {
  // EVerest's loader (lib/everest/yaml, rapidyaml into nlohmann::json) assigns keys in order: the last one wins
  DUPLICATE_KEY: 'duplicate key: EVerest silently keeps only this last one and drops the content of the earlier one',
  TAB_AS_INDENT: 'a tab indents this line; YAML allows only spaces for indentation',
};

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return CODES[code] ?? `YAML syntax error: ${first}`;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The node a JSON pointer names, following aliases and merge keys; undefined when it does not exist. */
export function findNode(f: YamlFile, pointer: string): { node?: Node; pair?: Pair } | undefined {
  let node: unknown = f.doc.contents;
  let pair: Pair | undefined;
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescape);
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(f.doc);
    if (isMap(node)) {
      const found = findPair(f, node.items, seg, 0);
      if (!found) return undefined;
      pair = found;
      node = found.value;
    } else if (isSeq(node)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= node.items.length) return undefined;
      pair = undefined;
      node = node.items[i];
    } else return undefined;
  }
  if (isAlias(node)) node = node.resolve(f.doc);
  return { node: node as Node | undefined, pair };
}

// A key written beside `<<` wins over the merged one, as in YAML 1.1 merge keys.
function findPair(f: YamlFile, items: Pair[], key: string, depth: number): Pair | undefined {
  for (const p of items) if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p;
  if (depth > 20) return undefined;
  for (const p of items) {
    if (!isPair(p) || !isScalar(p.key) || (p.key.value !== '<<' && p.key.source !== '<<')) continue;
    const sources = isSeq(p.value) ? p.value.items : [p.value];
    for (let s of sources) {
      if (isAlias(s)) s = s.resolve(f.doc);
      if (isMap(s)) {
        const hit = findPair(f, s.items, key, depth + 1);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

/** Line and column of what a pointer names (its key with `key`); the nearest existing parent otherwise. */
export function locateYaml(f: YamlFile, pointer: string, opts: { key?: boolean } = {}): Position {
  let p = pointer;
  for (;;) {
    const hit = findNode(f, p);
    if (hit) {
      const target = opts.key && p === pointer && hit.pair && isScalar(hit.pair.key) ? hit.pair.key : hit.node;
      const range = target?.range ?? (hit.pair && isScalar(hit.pair.key) ? hit.pair.key.range : undefined);
      if (!range) return START;
      const a = f.lineCounter.linePos(range[0]);
      const b = f.lineCounter.linePos(range[1]);
      return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    }
    if (p === '') return START;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export const hasPointer = (f: YamlFile, pointer: string) => findNode(f, pointer) !== undefined;
