const VERB: Record<string, string> = {
  open: 'open',
  mkdir: 'create the folder',
  mkdtemp: 'create a folder in',
  rename: 'rename',
  unlink: 'remove',
  rmdir: 'remove',
  rm: 'remove',
  write: 'write',
  scandir: 'read the folder',
  copyfile: 'copy',
  chmod: 'change the mode of',
  chown: 'change the owner of',
  fsync: 'flush',
};

const PLAIN_ERRNO: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ELOOP: 'too many symbolic links',
  EBUSY: 'busy',
  EMFILE: 'too many open files',
};

/** Just the plain reason of a file-system failure ("permission denied (EACCES)"), or undefined. */
export function errnoReason(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && PLAIN_ERRNO[code] ? `${PLAIN_ERRNO[code]} (${code})` : undefined;
}

/**
 * A failure of the machine or of what the user named (a read-only folder, a full disk, a database that cannot be
 * opened), said plainly: these are input errors, not bugs to report. Undefined for anything else.
 */
export function environmentError(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== 'string') return undefined;
  const plain = PLAIN_ERRNO[e.code];
  if (plain) {
    const verb = VERB[e.syscall ?? ''] ?? e.syscall ?? 'use';
    const what = e.path ? `cannot ${verb} ${e.path}` : `${e.syscall ?? 'a file operation'} failed`;
    return `${what}: ${plain} (${e.code})`;
  }
  // better-sqlite3's SqliteError: the database file or its folder cannot be used
  if (/^SQLITE_(CANTOPEN|READONLY|FULL|IOERR|PERM|NOTADB|CORRUPT|BUSY|LOCKED)/.test(e.code))
    return `the database could not be used: ${e.message} (${e.code}); check that the file and its folder exist and can be written, and that no other program holds it`;
  return undefined;
}
