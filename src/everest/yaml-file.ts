import {
  Kind,
  ScalarType,
  determineScalarType,
  load,
  parseYamlBigInteger,
  parseYamlBoolean,
  parseYamlFloat,
} from '@stoplight/yaml-ast-parser';
import type { YAMLException as YamlError, YAMLMapping, YAMLNode, YAMLScalar, YAMLSequence } from '@stoplight/yaml-ast-parser';
// the failsafe schema (strings, sequences, mappings) leaves scalars untyped, as only their text is needed from the
// parser (scalarValue types them): its implicit resolvers were half the parse time
import FAILSAFE_SCHEMA from '@stoplight/yaml-ast-parser/dist/src/schema/failsafe.js';
import { lineColumnAt, lineStartsOf } from '../model/index.js';
import type { Position } from '../model/index.js';

// EVerest configs are read with @stoplight/yaml-ast-parser (the YAML parser of Stoplight's Spectral, a js-yaml
// fork that keeps every node with its source offsets): in a fresh process it parses EVerest's 20 KB SIL config in
// about 8 ms, where the `yaml` package took 60, most of validate --everest-config's start-up. The parser gives the
// tree and its offsets; this module only reads them.

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
  /** The document's top node; undefined for an empty file. */
  root: YAMLNode | undefined;
  /** The text's offset of each line's start. */
  lineStarts: number[];
  /** The document as plain data (aliases and merge keys resolved); undefined when it did not parse. */
  data: unknown;
  problems: YamlProblem[];
}

const START: Position = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Values an alias may expand the document to: beyond, it is a "billion laughs" file, not a config. */
const MAX_VALUES = 1_000_000;

export function parseYamlFile(path: string, file: string, text: string): YamlFile {
  // a BOM is not part of the first line's columns
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineStarts = lineStartsOf(body);
  // duplicate keys are found below, at the later key (the one EVerest keeps)
  const root = load(body, { ignoreDuplicateKeys: true, schema: FAILSAFE_SCHEMA }) as YAMLNode | undefined;
  const out: YamlFile = { path, file, root, lineStarts, data: undefined, problems: [] };
  const at = (start: number, end: number) => span(out, start, end);
  const offsetOf = (e: YamlError) =>
    e.mark ? Math.min(lineStarts[Math.min(e.mark.line, lineStarts.length - 1)] + e.mark.column, body.length) : 0;
  // the parser goes on after an error; EVerest's stops at the first (a tab warning included: its parser refuses tabs)
  const error = root?.errors.find((e) => !/duplicate key/.test(e.reason));
  if (error) {
    out.problems.push({ message: yamlMessage(error.reason), position: at(offsetOf(error), offsetOf(error)), fatal: true });
    return out;
  }
  if (root === undefined || (root.kind === Kind.SCALAR && determineScalarType(root as YAMLScalar) === ScalarType.null)) {
    out.problems.push({
      message: 'the file holds no YAML document; EVerest needs a mapping with active_modules',
      position: START,
      fatal: true,
    });
    return out;
  }
  const top = deref(root);
  if (top?.kind !== Kind.MAP) {
    out.problems.push({
      message: `the top level is a ${top?.kind === Kind.SEQ ? 'sequence' : 'scalar'}; EVerest needs a mapping with active_modules`,
      position: at(root.startPosition, root.endPosition),
      fatal: true,
    });
    return out;
  }
  const budget = { left: MAX_VALUES };
  try {
    out.data = toData(root, budget, (key) =>
      out.problems.push({
        message: 'duplicate key: EVerest silently keeps only this last one and drops the content of the earlier one',
        position: at(key.startPosition, key.endPosition),
        fatal: false,
      }),
    );
  } catch (err) {
    out.problems.push({ message: `the document cannot be expanded: ${(err as Error).message}`, position: START, fatal: true });
  }
  return out;
}

function yamlMessage(reason: string): string {
  if (/tabs/i.test(reason)) return 'a tab indents this line; YAML allows only spaces for indentation';
  return `YAML syntax error: ${reason}`;
}

/** Line and column (1-based) of a range of offsets. */
function span(f: YamlFile, start: number, end: number): Position {
  const a = lineColumnAt(f.lineStarts, start);
  const b = lineColumnAt(f.lineStarts, Math.max(start, end));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** The node an alias stands for (the node itself otherwise). */
function deref(node: YAMLNode | null | undefined): YAMLNode | undefined {
  let n = node ?? undefined;
  for (let hops = 0; n?.kind === Kind.ANCHOR_REF && hops < 100; hops++) n = (n.value as YAMLNode | null) ?? undefined;
  return n;
}

const itemsOf = (seq: YAMLNode) => ((seq as YAMLSequence).items ?? []) as (YAMLNode | null)[];

const isMergeKey = (key: YAMLScalar | null) => key?.kind === Kind.SCALAR && key.value === '<<' && !key.doubleQuoted && !key.singleQuoted;

function scalarValue(node: YAMLScalar): unknown {
  switch (determineScalarType(node)) {
    case ScalarType.null:
      return null;
    case ScalarType.bool:
      return parseYamlBoolean(node.value);
    case ScalarType.int:
      return Number(parseYamlBigInteger(node.value));
    case ScalarType.float:
      return parseYamlFloat(node.value);
    default:
      return node.value;
  }
}

const noDuplicates = () => undefined;

// a key's text as the data names it ("1" for `1:`, "null" for `~:`), worked out once per key: pointers look keys up often
const keyTexts = new WeakMap<YAMLScalar, string>();
function keyText(key: YAMLScalar): string {
  // a word that is not true/false/null in any spelling is a string whatever the resolver says: most keys are
  if (/^[A-Za-z_][\w-]*$/.test(key.value) && !/^(?:true|false|null)$/i.test(key.value)) return key.value;
  let text = keyTexts.get(key);
  if (text === undefined) keyTexts.set(key, (text = String(scalarValue(key))));
  return text;
}

/** The plain value of a node, as EVerest reads it: aliases copied, merge keys applied, the last of duplicate keys kept. */
function toData(node: YAMLNode | null | undefined, budget: { left: number }, duplicate: (key: YAMLScalar) => void): unknown {
  if (--budget.left < 0) throw new Error(`aliases expand it to more than ${MAX_VALUES} values`);
  // an alias's duplicate keys were reported where its anchor is
  if (node?.kind === Kind.ANCHOR_REF) return toData(deref(node), budget, noDuplicates);
  const n = node ?? undefined;
  if (n === undefined) return null;
  if (n.kind === Kind.SCALAR) return scalarValue(n as YAMLScalar);
  if (n.kind === Kind.SEQ) return itemsOf(n).map((item) => toData(item, budget, duplicate));
  if (n.kind !== Kind.MAP) return null;
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  // merged keys first, so that keys written in the mapping win, and an earlier merged mapping over a later one
  for (const m of n.mappings as YAMLMapping[])
    if (isMergeKey(m.key)) for (const source of mergeSources(m).reverse()) Object.assign(out, toData(source, budget, noDuplicates));
  for (const m of n.mappings as YAMLMapping[]) {
    if (isMergeKey(m.key) || m.key?.kind !== Kind.SCALAR) continue;
    const key = keyText(m.key);
    if (seen.has(key)) duplicate(m.key);
    seen.add(key);
    // a key that is not a plain string ("__proto__") must not reach the prototype
    Object.defineProperty(out, key, { value: toData(m.value, budget, duplicate), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The mappings a merge key brings in: one, or a sequence of them. */
function mergeSources(m: YAMLMapping): YAMLNode[] {
  const value = deref(m.value);
  if (value?.kind === Kind.MAP) return [value];
  if (value?.kind === Kind.SEQ)
    return itemsOf(value)
      .map((i) => deref(i))
      .filter((i): i is YAMLNode => i?.kind === Kind.MAP);
  return [];
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The node a JSON pointer names, following aliases and merge keys; undefined when it does not exist. */
export function findNode(f: YamlFile, pointer: string): { node?: YAMLNode; pair?: YAMLMapping } | undefined {
  let node = deref(f.root);
  let pair: YAMLMapping | undefined;
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescape);
  for (const seg of segments) {
    if (node?.kind === Kind.MAP) {
      const found = findPair(node.mappings as YAMLMapping[], seg, 0);
      if (!found) return undefined;
      pair = found;
      node = deref(found.value);
    } else if (node?.kind === Kind.SEQ) {
      const items = itemsOf(node);
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= items.length) return undefined;
      pair = undefined;
      node = deref(items[i]);
    } else return undefined;
  }
  return { node, pair };
}

// A key written in the mapping wins over a merged one (YAML 1.1 merge keys), and the last of duplicates over the
// earlier, as in the data.
function findPair(mappings: YAMLMapping[], key: string, depth: number): YAMLMapping | undefined {
  for (let i = mappings.length - 1; i >= 0; i--) {
    const m = mappings[i];
    if (m.key?.kind === Kind.SCALAR && !isMergeKey(m.key) && keyText(m.key) === key) return m;
  }
  if (depth > 20) return undefined;
  for (const m of mappings) {
    if (!isMergeKey(m.key)) continue;
    for (const source of mergeSources(m)) {
      const hit = findPair(source.mappings as YAMLMapping[], key, depth + 1);
      if (hit) return hit;
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
      const target = (opts.key && p === pointer && hit.pair?.key) || hit.node || hit.pair?.key;
      return target ? span(f, target.startPosition, target.endPosition) : START;
    }
    if (p === '') return START;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export const hasPointer = (f: YamlFile, pointer: string) => findNode(f, pointer) !== undefined;

/** Whether a pointer names a scalar (a string, number, boolean or null), not a mapping or a sequence. */
export const isScalarAt = (f: YamlFile, pointer: string) => findNode(f, pointer)?.node?.kind === Kind.SCALAR;
