import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { displayPath } from '../model/load.js';

// Folders that never hold a station's config but can be huge; walking them would make --fleet slow
const SKIP = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Every component_config tree below `dir`: a folder holding `standardized/`. The walk does not descend into
 * a tree it found (its standardized/ and custom/ are not stations) and does not follow symbolic links, so a
 * link loop cannot hang it. Returns absolute paths sorted by display path.
 */
export function findConfigRoots(dir: string, opts: { cwd?: string } = {}): string[] {
  const cwd = resolve(opts.cwd ?? '.');
  const top = resolve(cwd, dir);
  try {
    if (!statSync(top).isDirectory()) throw new OcppctlError('CONFIG_DIR_MISSING', `--fleet ${displayPath(cwd, top)} is not a folder`);
  } catch (err) {
    if (err instanceof OcppctlError) throw err;
    throw new OcppctlError('CONFIG_DIR_MISSING', `no folder at ${displayPath(cwd, top)} (given to --fleet)`);
  }
  const found: string[] = [];
  const walk = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (err) {
      throw new OcppctlError(
        'CONFIG_UNREADABLE',
        `cannot read ${displayPath(cwd, folder)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    if (entries.some((e) => e.name === 'standardized' && e.isDirectory())) {
      found.push(folder);
      return;
    }
    for (const e of entries) if (e.isDirectory() && !SKIP.has(e.name)) walk(join(folder, e.name));
  };
  walk(top);
  return sortRoots(found, cwd);
}

/** Absolute, de-duplicated and sorted by display path, so that every machine of a CI matrix sees one order. */
export function sortRoots(roots: readonly string[], cwd: string): string[] {
  const byDisplay = new Map<string, string>();
  for (const r of roots) {
    const abs = resolve(cwd, r);
    byDisplay.set(displayPath(cwd, abs), abs);
  }
  return [...byDisplay.keys()].sort(compareText).map((k) => byDisplay.get(k)!);
}

export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
