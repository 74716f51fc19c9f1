import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`: creates `dir` and its missing parents, one level at a time, and returns the first folder it
 * created (undefined when `dir` existed), like `mkdirSync(dir, { recursive: true })`. That call never returns
 * where mkdir says ENOENT under a parent that exists (/proc, /sys, a vanished mount): Node's recursive mkdir
 * retries forever. Here each level is tried once and its error is thrown.
 */
export function makeDirs(dir: string, mode?: number): string | undefined {
  const missing: string[] = [];
  for (let at = dir; !isDir(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  let first: string | undefined;
  for (const at of missing.reverse()) {
    try {
      mkdirSync(at, mode === undefined ? undefined : { mode });
      first ??= at;
    } catch (err) {
      // made by someone else in the meantime: as good as made here
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !isDir(at)) throw err;
    }
  }
  return first;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
