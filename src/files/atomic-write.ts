import { rm, writeFile, rename } from 'node:fs/promises';
import { siblingPath } from './sibling-path.js';

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
