import { OcppctlError } from '../errors.js';

// Conditions of the machine, not bugs of ocppctl: the user can act on them, so they are input errors (exit 2)
// that name the cause, not "internal error … report it"
const CAUSES: Record<string, string> = {
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'a file name is too long for the file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the disk',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links in the path',
};

/** The error as an OcppctlError naming its cause, or undefined when it is not an environment error. */
export function environmentError(err: unknown, doing: string, after = ''): OcppctlError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !(code in CAUSES)) return undefined;
  return new OcppctlError('INPUT', `${doing}: ${CAUSES[code]} (${code})${after}`, { cause: err });
}
