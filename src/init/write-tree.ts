import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { environmentError, holdsSecret, LOCK, makeDirs, writeNewFileSync } from '../files/index.js';
import type { InitFile } from './render-tree.js';

/**
 * Writes the tree into a temp folder next to `dir` and renames it into place, so an interrupted init leaves
 * either nothing or the complete tree. With `force`, an existing `dir` is moved aside first and removed only
 * after the new tree is in place. Files holding a password are created 0600.
 */
export function writeTree(dir: string, files: readonly InitFile[], opts: { force?: boolean } = {}): void {
  const target = resolve(dir);
  const exists = existsSync(target);
  if (exists && !statSync(target).isDirectory()) throw new OcppctlError('INPUT', `${dir} exists and is not a folder`);
  // the caller's own lock file does not make the folder "not empty"
  const nonEmpty = exists && readdirSync(target).some((n) => n !== LOCK);
  if (nonEmpty && !opts.force) throw new OcppctlError('REFUSED', `${dir} is not empty; use --force to replace it`);
  const parent = dirname(target);
  let madeParent: string | undefined;
  let tmp: string | undefined;
  try {
    madeParent = makeDirs(parent);
    tmp = join(parent, `.${basename(target)}.${randomUUID()}.tmp`);
    for (const sub of ['standardized', 'custom']) makeDirs(join(tmp, sub));
    for (const f of files) writeNewFileSync(join(tmp, f.path), f.text, { secret: holdsSecret(f.text) });
    if (!exists) {
      renameOrRefuse(tmp, target, dir);
      return;
    }
    const old = join(parent, `.${basename(target)}.${randomUUID()}.old`);
    renameSync(target, old);
    try {
      renameOrRefuse(tmp, target, dir);
    } catch (err) {
      renameSync(old, target);
      throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    for (const made of [tmp, madeParent]) {
      try {
        if (made) rmSync(made, { recursive: true, force: true });
      } catch {
        // a name too long to create was never created
      }
    }
    throw environmentError(err, `cannot write ${dir}`, '; nothing was written') ?? err;
  }
}

function renameOrRefuse(from: string, to: string, dir: string) {
  try {
    renameSync(from, to);
  } catch (err) {
    // another init made the folder meanwhile: its tree stays
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST')
      throw new OcppctlError('REFUSED', `${dir} was created by someone else meanwhile; nothing was written`);
    throw err;
  }
}
