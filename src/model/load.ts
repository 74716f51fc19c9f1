import { closeSync, constants, fstatSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { OcppctlError } from '../errors.js';
import { parseSourceFile, unreadFile } from './source-file.js';
import type { SourceFile, Folder } from './source-file.js';
import { keyId, toComponent } from './config-tree.js';
import type { Component, ConfigTree, IgnoredEntry } from './config-tree.js';

export interface LoadOptions {
  /** Working directory for display paths. */
  cwd?: string;
  /** Larger component files are not read (a json-syntax error); default DEFAULT_MAX_FILE_SIZE. */
  maxFileSize?: number;
}

export interface ReadOptions extends LoadOptions {
  /**
   * Given, files are read into one reused buffer and `keep` returns bytes of their own to keep: a copy, or
   * equal bytes kept before (a fleet's copies of one file then cost no memory). The view it gets is
   * overwritten by the next read.
   */
  keep?: (folder: Folder, name: string, view: Buffer) => Buffer;
}

/** 64 MiB: EVerest's largest component file has a few tens of KB. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

const FOLDERS: Folder[] = ['standardized', 'custom'];

export const displayPath = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
};

/** One entry of a tree as read from disk: the file's bytes, or why they were not read. */
export interface ReadEntry {
  path: string;
  file: string;
  folder: Folder;
  name: string;
  read: Buffer | { problem: string; hint?: string };
}

/** The listing and bytes of a tree, before any parsing: what a fleet compares to reuse earlier results. */
export interface ReadTree {
  root: string;
  displayRoot: string;
  entries: ReadEntry[];
  ignored: IgnoredEntry[];
}

/**
 * Reads a component_config tree the way libocpp's initializer does: every `*.json` (lowercase extension)
 * directly inside `standardized/` and then `custom/`. Content problems never throw; they are recorded on
 * the files. Throws only when the folder itself cannot be used.
 */
export function loadConfigTree(dir: string, opts: LoadOptions = {}): ConfigTree {
  return parseReadTree(readConfigTree(dir, opts));
}

/** Parses what readConfigTree read; `parse` may return an earlier parse of the same bytes (a fleet's cache). */
export function parseReadTree(
  read: ReadTree,
  parse: (e: ReadEntry & { read: Buffer }) => SourceFile = (e) => parseSourceFile(e.path, e.file, e.folder, e.read),
): ConfigTree {
  const tree: ConfigTree = {
    root: read.root,
    displayRoot: read.displayRoot,
    files: [],
    ignored: read.ignored,
    components: [],
    effective: [],
  };
  for (const e of read.entries)
    tree.files.push(
      Buffer.isBuffer(e.read)
        ? parse(e as ReadEntry & { read: Buffer })
        : unreadFile(e.path, e.file, e.folder, e.read.problem, e.read.hint),
    );
  return assembleTree(tree);
}

/** The first half of loadConfigTree: the listing and the bytes, with the same checks and errors. */
export function readConfigTree(dir: string, opts: ReadOptions = {}): ReadTree {
  const cwd = opts.cwd ?? '.';
  const root = resolve(cwd, dir);
  const displayRoot = displayPath(resolve(cwd), root);
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch {
    throw new OcppctlError('CONFIG_DIR_MISSING', `no component_config folder at ${displayRoot}`);
  }
  if (!rootStat.isDirectory()) throw new OcppctlError('CONFIG_DIR_MISSING', `${displayRoot} is not a folder`);
  if (!isDir(join(root, 'standardized'))) {
    throw new OcppctlError(
      'CONFIG_DIR_MISSING',
      `${displayRoot} has no standardized/ folder; point ocppctl at a component_config folder (the one holding standardized/ and custom/)`,
    );
  }

  const tree: ReadTree = { root, displayRoot, entries: [], ignored: [] };
  const below = !displayRoot.startsWith('..') && !isAbsolute(displayRoot);
  for (const folder of FOLDERS) {
    const folderPath = join(root, folder);
    if (!isDir(folderPath)) continue;
    let entries;
    try {
      entries = readdirSync(folderPath, { withFileTypes: true });
    } catch (err) {
      throw new OcppctlError('CONFIG_UNREADABLE', `cannot read ${displayPath(resolve(cwd), folderPath)}: ${(err as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folderPath, entry.name);
      // what displayPath gives, without working it out again for each of a fleet's files; a root above the working
      // directory (which may lie inside the tree) takes the long way
      const file =
        displayRoot === '.'
          ? `${folder}/${entry.name}`
          : below
            ? `${displayRoot}/${folder}/${entry.name}`
            : displayPath(resolve(cwd), path);
      const ignore = ignoreReason(entry.name, entry.isDirectory() || (entry.isSymbolicLink() && isDir(path)));
      if (ignore) {
        tree.ignored.push({ file, reason: ignore });
        continue;
      }
      let read: Buffer | { problem: string; hint?: string };
      try {
        read = readRegularFile(path, entry, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, opts.keep !== undefined);
      } catch (err) {
        throw new OcppctlError(
          'CONFIG_UNREADABLE',
          `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
      if (opts.keep && Buffer.isBuffer(read)) read = opts.keep(folder, entry.name, read);
      tree.entries.push({ path, file, folder, name: entry.name, read });
    }
  }
  return tree;
}

/**
 * Fills `components` and `effective` from the parsed `files`: custom/ is read after standardized/ and
 * replaces a component with the same key, as in libocpp; two files with one key in the same folder are
 * reported by the duplicate-component rule.
 */
export function assembleTree(tree: ConfigTree): ConfigTree {
  const byKey = new Map<string, Component>();
  for (const source of tree.files) {
    const component = toComponent(source);
    if (!component) continue;
    tree.components.push(component);
    const id = keyId(component.key);
    const earlier = byKey.get(id);
    if (earlier && earlier.source.folder === 'standardized' && source.folder === 'custom') earlier.overriddenBy = component;
    if (!earlier || earlier.source.folder !== source.folder) byKey.set(id, component);
  }
  tree.effective = [...byKey.values()];
  return tree;
}

const KINDS: [keyof Stats & keyof Dirent, string][] = [
  ['isFIFO', 'a FIFO (named pipe)'],
  ['isCharacterDevice', 'a character device'],
  ['isBlockDevice', 'a block device'],
  ['isSocket', 'a socket'],
  ['isDirectory', 'a folder'],
];
const kindOf = (s: Stats | Dirent) => KINDS.find(([m]) => s[m].call(s))?.[1] ?? 'not a regular file';

/**
 * The bytes of a regular file of at most `max` bytes, or why it was not read. Reading a FIFO blocks until a
 * writer comes and a device such as /dev/zero never ends, so only regular files are opened (O_NONBLOCK:
 * a FIFO swapped in after the check does not block the open), fstat confirms what was opened, and no more
 * than `max` + 1 bytes are ever read.
 */
let scratch = Buffer.alloc(0);

function readRegularFile(path: string, entry: Dirent, max: number, reuse = false): Buffer | { problem: string; hint?: string } {
  const hint = 'a component file must be a regular file; replace or remove this entry';
  const unreadable = (what: string) => ({
    problem: `not read: this is ${what}, not a regular file (libocpp would block or fail reading it)`,
    hint,
  });
  if (entry.isSymbolicLink()) {
    const target = statSync(path);
    if (!target.isFile()) return unreadable(`a symbolic link to ${readlinkSync(path)}, ${kindOf(target)}`);
  } else if (!entry.isFile()) return unreadable(kindOf(entry));
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return unreadable(kindOf(stat));
    const tooBig = () => ({
      problem: `not read: the file is larger than ${max} bytes (the --max-file-size limit, 64 MiB unless set)`,
      hint: 'a component file has a few KB; check the file, or raise --max-file-size',
    });
    if (stat.size > max) return tooBig();
    // the size from fstat can be stale: read until the end, but never past the limit
    let buf = reuse && scratch.length > stat.size ? scratch : Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > max) return tooBig();
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const wanted = buf.length - length;
      const n = readSync(fd, buf, length, wanted, null);
      if (n === 0) break;
      length += n;
      // a short read of a regular file that gave at least the size fstat saw is its end: no read to find it
      if (n < wanted && length >= stat.size) break;
    }
    if (length > max) return tooBig();
    if (reuse && buf.length > scratch.length) scratch = buf;
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function ignoreReason(name: string, directory: boolean): string | undefined {
  if (directory) return 'a nested folder: libocpp reads only files directly inside standardized/ and custom/';
  if (name.endsWith('.json')) return undefined;
  if (name.toLowerCase().endsWith('.json')) return 'libocpp reads only files ending in lowercase .json';
  return 'not a .json file';
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export type { SourceFile };
