import { randomUUID } from 'node:crypto';
import { rm, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden sibling of `path`: same folder, so a rename onto `path` is atomic on POSIX file systems. */
export const siblingPath = (path: string, suffix: string) => join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.${suffix}`);

/** Writes the whole file or nothing: a kill at any moment leaves either the old or the new content. */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = siblingPath(path, 'tmp');
  try {
    // flush: fsync before the rename, or a power loss could leave an empty file under the final name
    await writeFile(tmp, data, { flag: 'wx', flush: true });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
