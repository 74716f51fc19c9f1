import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { OcppctlError } from '../errors.js';
import { parseSourceFile } from './source-file.js';
import type { SourceFile, Folder } from './source-file.js';
import { keyId, toComponent } from './config-tree.js';
import type { Component, ConfigTree, IgnoredEntry } from './config-tree.js';

export interface LoadOptions {
  /** Working directory for display paths. */
  cwd?: string;
}

const FOLDERS: Folder[] = ['standardized', 'custom'];

export const displayPath = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
};

/**
 * Reads a component_config tree the way libocpp's initializer does: every `*.json` (lowercase extension)
 * directly inside `standardized/` and then `custom/`. Content problems never throw; they are recorded on
 * the files. Throws only when the folder itself cannot be used.
 */
export function loadConfigTree(dir: string, opts: LoadOptions = {}): ConfigTree {
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

  const tree: ConfigTree = { root, displayRoot, files: [], ignored: [], components: [], effective: [] };
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
      const file = displayPath(resolve(cwd), path);
      const ignore = ignoreReason(entry.name, entry.isDirectory() || (entry.isSymbolicLink() && isDir(path)));
      if (ignore) {
        tree.ignored.push({ file, reason: ignore });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (err) {
        throw new OcppctlError('CONFIG_UNREADABLE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      tree.files.push(parseSourceFile(path, file, folder, bytes));
    }
  }

  return assembleTree(tree);
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
