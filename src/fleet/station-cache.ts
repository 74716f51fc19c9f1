import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSourceFile, withPath } from '../model/index.js';
import type { ReadEntry, ReadTree, SourceFile } from '../model/index.js';

// Fleets are mostly copies: the same component files, byte for byte, in hundreds of station folders. A station
// whose files (names, folders and bytes) and ignored entries are all those of a station checked before has the
// same findings, at its own paths; a station that differs in some files still shares the parse of the others.
// Bytes are compared, not hashed: memcmp is an order of magnitude faster than a hash over the same bytes.

/** Bytes kept to compare later files against (and their parses): a bound on memory for fleets without copies. */
const MAX_KEPT_BYTES = 16 * 1024 * 1024;
/** Distinct versions of one file name worth comparing against. */
const MAX_VARIANTS = 8;
/** Stations whose findings are kept for reuse. */
const MAX_TREES = 64;

interface Variant {
  id: number;
  bytes: Buffer;
  parsed?: SourceFile;
}

export interface TreeResult {
  displayRoot: string;
  diagnostics: Diagnostic[];
}

export class StationCache {
  private readonly variants = new Map<string, Variant[]>();
  private readonly trees = new Map<string, TreeResult>();
  private kept = 0;
  private nextId = 1;

  /** What identifies the station's content, independent of where it lies. */
  fingerprint(read: ReadTree): string {
    const rel = (file: string) => (read.displayRoot === '.' ? file : file.slice(read.displayRoot.length + 1));
    let key = '';
    for (const e of read.entries)
      key += `${e.folder}/${e.name}\0${Buffer.isBuffer(e.read) ? this.variant(e as ReadEntry & { read: Buffer }).id : `!${e.read.problem}`}\n`;
    for (const i of read.ignored) key += `?${rel(i.file)}\0${i.reason}\n`;
    return key;
  }

  /** Bytes to keep for a file just read into a reused buffer: equal bytes kept before, else a copy. */
  keep(folder: string, name: string, view: Buffer): Buffer {
    const found = this.variants.get(`${folder}/${name}`)?.find((v) => v.bytes.equals(view));
    return found ? found.bytes : Buffer.from(view);
  }

  /** A parse of the entry's bytes: an earlier one at this path when the same bytes were parsed before. */
  parse(e: ReadEntry & { read: Buffer }): SourceFile {
    const v = this.variant(e);
    if (v.parsed) return withPath(v.parsed, e.path, e.file);
    const parsed = parseSourceFile(e.path, e.file, e.folder, e.read);
    if (v.bytes === e.read) v.parsed = parsed;
    return parsed;
  }

  /** The display root of an earlier station with this fingerprint, and its findings. */
  earlier(fingerprint: string): TreeResult | undefined {
    return this.trees.get(fingerprint);
  }

  remember(fingerprint: string, read: ReadTree, diagnostics: Diagnostic[]) {
    if (this.trees.size >= MAX_TREES || read.displayRoot === '.' || !diagnostics.every((d) => portable(d, read))) return;
    this.trees.set(fingerprint, { displayRoot: read.displayRoot, diagnostics });
  }

  private variant(e: ReadEntry & { read: Buffer }): Variant {
    const name = `${e.folder}/${e.name}`;
    let list = this.variants.get(name);
    const found = list?.find((v) => v.bytes === e.read || v.bytes.equals(e.read));
    if (found) return found;
    const v: Variant = { id: this.nextId++, bytes: e.read };
    // beyond the bounds a version gets an id of its own that nothing matches: correct, only not reused
    if (this.kept + e.read.length > MAX_KEPT_BYTES || (list?.length ?? 0) >= MAX_VARIANTS) return v;
    this.kept += e.read.length;
    if (!list) this.variants.set(name, (list = []));
    list.push(v);
    return v;
  }
}

const under = (file: string, root: string) => file === root || file.startsWith(root + '/');

// A finding can move to another station only if it names its station by the file fields alone: a message that
// spells out a path would keep the old one
function portable(d: Diagnostic, read: ReadTree): boolean {
  const spells = (text: string | undefined) => text !== undefined && (text.includes(read.displayRoot) || text.includes(read.root));
  if (!under(d.file, read.displayRoot) || spells(d.message) || spells(d.hint)) return false;
  return (d.related ?? []).every((r) => under(r.file, read.displayRoot) && !spells(r.message));
}

const move = (file: string, from: string, to: string) => to + file.slice(from.length);

/** A finding of the station at display root `from`, at the same place in the copy at `to`. */
export function moved(d: Diagnostic, from: string, to: string): Diagnostic {
  const out: Diagnostic = { ...d, file: move(d.file, from, to) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, file: move(r.file, from, to) }));
  return out;
}
