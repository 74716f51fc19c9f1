import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The roots that contain at least one of the changed files. `changed` are paths as `git diff --name-only`
 * prints them (relative to `base`, the repository's top folder); roots are absolute.
 */
export function rootsTouchedBy(roots: readonly string[], changed: readonly string[], base: string): string[] {
  const files = changed.filter((f) => f.trim() !== '').map((f) => resolve(base, f));
  return roots.filter((root) =>
    files.some((file) => {
      const rel = relative(root, file);
      return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
    }),
  );
}
