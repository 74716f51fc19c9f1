import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { ErrorCode } from '../errors.js';
import { isOcppctlError } from '../errors.js';
import { parseReadTree, readConfigTree } from '../model/index.js';
import { validateTree } from '../rules/validate.js';
import type { Target } from '../rules/rule.js';
import { moved, StationCache } from './station-cache.js';

export interface CheckOptions {
  cwd: string;
  target: Target;
  maxFileSize?: number;
}

export type StationOutcome =
  /** `copyOf`: a byte-for-byte copy of that earlier station (display root), whose findings it shares; only in a worker's answer, where diagnostics is then empty. */
  | { ok: true; root: string; files: number; diagnostics: Diagnostic[]; copyOf?: string }
  | { ok: false; root: string; code: ErrorCode | 'INTERNAL'; message: string };

// one cache per thread and per set of options: a fleet run checks all its stations with the same ones
let cache: { key: string; stations: StationCache } | undefined;

const cacheFor = (opts: CheckOptions) => {
  // every option, also any added later: findings reused under other options would be wrong
  const key = JSON.stringify(opts);
  if (cache?.key !== key) cache = { key, stations: new StationCache() };
  return cache.stations;
};

/**
 * Loads and checks one station. Never throws: in a fleet one station that cannot be read must not stop the
 * others, so the reason comes back as data (the CLI reports it and exits 2 at the end). A station that is a
 * byte-for-byte copy of one checked before gets that one's findings at its own paths, without parsing; with
 * `compact` (a worker's answer), only the name of that earlier station.
 */
export function checkStation(root: string, opts: CheckOptions, compact = false): StationOutcome {
  try {
    const stations = cacheFor(opts);
    const read = readConfigTree(root, {
      cwd: opts.cwd,
      maxFileSize: opts.maxFileSize,
      keep: (folder, name, view) => stations.keep(folder, name, view),
    });
    const fingerprint = stations.fingerprint(read);
    const files = read.entries.length;
    const known = stations.earlier(fingerprint);
    // a worker names the earlier station instead of sending the same findings across again
    if (known && compact) return { ok: true, root: read.displayRoot, files, diagnostics: [], copyOf: known.displayRoot };
    if (known)
      return {
        ok: true,
        root: read.displayRoot,
        files,
        diagnostics: known.diagnostics.map((d) => moved(d, known.displayRoot, read.displayRoot)),
      };
    const tree = parseReadTree(read, (e) => stations.parse(e));
    // in report order already, so that the fleet's report (stations in order of their paths) is nearly sorted
    const diagnostics = validateTree(tree, { target: opts.target }).sort(compareDiagnostics);
    stations.remember(fingerprint, read, diagnostics);
    return { ok: true, root: tree.displayRoot, files, diagnostics };
  } catch (err) {
    if (isOcppctlError(err)) return { ok: false, root, code: err.code, message: err.message };
    return {
      ok: false,
      root,
      code: 'INTERNAL',
      message: `internal error while checking ${root}: ${(err as Error)?.message ?? String(err)}`,
    };
  }
}
