import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ErrorCode } from '../errors.js';
import { isOcppctlError } from '../errors.js';
import { loadConfigTree } from '../model/index.js';
import { validateTree } from '../rules/validate.js';
import type { Target } from '../rules/rule.js';

export interface CheckOptions {
  cwd: string;
  target: Target;
  maxFileSize?: number;
}

export type StationOutcome =
  | { ok: true; root: string; files: number; diagnostics: Diagnostic[] }
  | { ok: false; root: string; code: ErrorCode | 'INTERNAL'; message: string };

/**
 * Loads and checks one station. Never throws: in a fleet one station that cannot be read must not stop the
 * others, so the reason comes back as data (the CLI reports it and exits 2 at the end).
 */
export function checkStation(root: string, opts: CheckOptions): StationOutcome {
  try {
    const tree = loadConfigTree(root, { cwd: opts.cwd, maxFileSize: opts.maxFileSize });
    return { ok: true, root: tree.displayRoot, files: tree.files.length, diagnostics: validateTree(tree, { target: opts.target }) };
  } catch (err) {
    if (isOcppctlError(err)) return { ok: false, root, code: err.code, message: err.message };
    return { ok: false, root, code: 'INTERNAL', message: `internal error while checking ${root}: ${(err as Error)?.message ?? String(err)}` };
  }
}
