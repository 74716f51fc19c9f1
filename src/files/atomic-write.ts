import { rm, rename, stat } from 'node:fs/promises';
import { siblingPath } from './sibling-path.js';
import { writeNewFile } from './new-file.js';

/**
 * Writes the whole file or nothing: a kill at any moment leaves either the old or the new content. A file that
 * is replaced keeps its mode (and its owner, when run as root); a new one with `secret` is created 0600.
 */
export async function writeAtomic(path: string, data: string, opts: { secret?: boolean } = {}): Promise<void> {
  const tmp = siblingPath(path, 'tmp');
  const replaces = await stat(path).catch(() => undefined);
  try {
    await writeNewFile(tmp, data, { replaces: replaces?.isFile() ? replaces : undefined, secret: opts.secret });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
