import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import type { InitFile } from './render-tree.js';

/**
 * Writes the tree into a temp folder next to `dir` and renames it into place, so an interrupted init leaves
 * either nothing or the complete tree. With `force`, an existing `dir` is moved aside first and removed only
 * after the new tree is in place.
 */
export function writeTree(dir: string, files: readonly InitFile[], opts: { force?: boolean } = {}): void {
  const target = resolve(dir);
  const exists = existsSync(target);
  if (exists && !statSync(target).isDirectory()) throw new OcppctlError('INPUT', `${dir} exists and is not a folder`);
  const nonEmpty = exists && readdirSync(target).length > 0;
  if (nonEmpty && !opts.force) throw new OcppctlError('REFUSED', `${dir} is not empty; use --force to replace it`);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    for (const sub of ['standardized', 'custom']) mkdirSync(join(tmp, sub), { recursive: true });
    for (const f of files) writeFileSync(join(tmp, f.path), f.text, { flag: 'wx' });
    if (!exists) {
      renameSync(tmp, target);
      return;
    }
    const old = join(parent, `.${basename(target)}.${randomUUID()}.old`);
    renameSync(target, old);
    try {
      renameSync(tmp, target);
    } catch (err) {
      renameSync(old, target);
      throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
