import { basename, dirname, join } from 'node:path';

// Eight hex digits of Math.random: the names need only be unlikely to meet (files are created with O_EXCL),
// and node:crypto would add about 4 ms to the start of every writing command.
const suffix = () =>
  Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');

/** A hidden sibling of `path`: same folder, so a rename onto `path` is atomic on POSIX file systems. */
export const siblingPath = (path: string, kind: string) => join(dirname(path), `.${basename(path)}.${suffix()}.${kind}`);
