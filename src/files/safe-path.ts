import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { OcppctlError } from '../errors.js';

// Component names and instances end up in file names (EVSE_1.json, NetworkConfiguration_2.json); a value
// taken from a flag, a prompt or a legacy blob must never steer a write out of the config folder
const UNSAFE_NAME = /[/\\\0]|^\.\.?$|^$/;

/** Refuses a name or instance that could not be one file name inside one folder. */
export function assertSafeName(value: string, what: string): string {
  if (UNSAFE_NAME.test(value) || /[\u0000-\u001f]/.test(value)) {
    const shown = JSON.stringify(value.replace(/\0/g, '\\0'));
    throw new OcppctlError('INPUT', `${what} ${shown} cannot be used in a file name: no "/", "\\", NUL, control characters, "." or ".."`);
  }
  return value;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
};

/**
 * `root` joined with a relative path, refused when the result would lie outside `root`: `..` segments,
 * absolute paths, NUL bytes, and a symbolic link in an existing parent folder that points elsewhere.
 */
export function safeJoin(root: string, relPath: string): string {
  if (relPath.includes('\0')) throw new OcppctlError('INPUT', `refusing a path with a NUL byte below ${root}`);
  if (isAbsolute(relPath) || /^[a-zA-Z]:/.test(relPath))
    throw new OcppctlError('INPUT', `refusing to write ${relPath}: only paths inside ${root} are written`);
  const base = resolve(root);
  const path = resolve(base, relPath);
  if (!inside(base, path)) throw new OcppctlError('INPUT', `refusing to write ${relPath}: it lies outside ${root}`);
  let parent = dirname(path);
  while (!existsSync(parent) && inside(base, parent) && parent !== base) parent = dirname(parent);
  if (existsSync(parent) && existsSync(base) && !inside(realpathSync(base), realpathSync(parent)))
    throw new OcppctlError('INPUT', `refusing to write ${relPath}: a symbolic link leads outside ${root}`);
  return path;
}
