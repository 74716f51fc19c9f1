import type { Stats } from 'node:fs';
import { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

export interface NewFileOptions {
  /** The file this one replaces: its mode is kept, and its owner where the process may (root). */
  replaces?: Stats;
  /** The folder of a file that replaces nothing: the new file gets its owner where the process may. */
  folder?: Stats;
  /** A new file holding a password or key is readable by its owner only. */
  secret?: boolean;
}

const modeFor = (o: NewFileOptions) => (o.replaces ? o.replaces.mode & 0o7777 : o.secret ? 0o600 : 0o666);

/**
 * The owner to give a new file: the replaced file's, or for a new file the folder's, so that a station running
 * as its own user can still read (and write) its config after root ran ocppctl. Only root may give files away;
 * anyone else keeps the files as the kernel makes them.
 */
function ownerFor(o: NewFileOptions, made: Stats): { uid: number; gid: number } | undefined {
  const like = o.replaces ?? o.folder;
  if (!like || made.uid !== 0 || (like.uid === made.uid && like.gid === made.gid)) return undefined;
  return { uid: like.uid, gid: like.gid };
}

/** Creates `path` (O_EXCL) with `text`, flushed to disk, with the mode and owner `opts` asks for. */
export async function writeNewFile(path: string, text: string, opts: NewFileOptions = {}): Promise<void> {
  const mode = modeFor(opts);
  const fh = await open(path, 'wx', mode);
  try {
    await fh.writeFile(text);
    const made = await fh.stat();
    const owner = ownerFor(opts, made);
    // chown clears set-id bits, so it comes before the chmod that puts the replaced file's exact mode back (the
    // umask may have cut it); a new file keeps the mode the umask gave it
    if (owner) await fh.chown(owner.uid, owner.gid);
    if (opts.replaces) await fh.chmod(mode);
    else if (owner) await fh.chmod(made.mode & 0o7777);
    // flush: fsync before the rename, or a power loss could leave an empty file under the final name
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export function writeNewFileSync(path: string, text: string, opts: NewFileOptions = {}): void {
  const mode = modeFor(opts);
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, text);
    const made = fstatSync(fd);
    const owner = ownerFor(opts, made);
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    if (opts.replaces) fchmodSync(fd, mode);
    else if (owner) fchmodSync(fd, made.mode & 0o7777);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
