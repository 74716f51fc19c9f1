import { displayPath } from '../model/load.js';
import type { Target } from '../rules/rule.js';
import { checkStation } from './check-station.js';
import type { StationOutcome } from './check-station.js';
import { runPool } from './pool.js';
import { moved } from './station-cache.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface FleetOptions {
  cwd: string;
  target: Target;
  maxFileSize?: number;
  /** Worker threads; 1 (or a single station) checks in this thread. */
  workers: number;
  /** Called after each station with the count done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Checks every root; outcomes come back in the order of `roots`, whichever worker finished first. */
export async function validateFleet(roots: readonly string[], opts: FleetOptions): Promise<StationOutcome[]> {
  const check = { cwd: opts.cwd, target: opts.target, maxFileSize: opts.maxFileSize };
  const total = roots.length;
  if (opts.workers <= 1 || total <= 1) {
    const out: StationOutcome[] = [];
    for (const root of roots) {
      out.push(checkStation(root, check));
      opts.onProgress?.(out.length, total);
    }
    return out.map((o) => withDisplayRoot(o, opts.cwd));
  }

  const outcomes = await runPool<string, StationOutcome>('validate', check, roots, opts.workers, opts.onProgress);
  return expandCopies(outcomes.map((o) => withDisplayRoot(o, opts.cwd)));
}

// A worker answers a copy of a station it checked before with that station's name: its findings are moved here.
// The worker got the earlier station first (jobs go out in order), so it comes first in `outcomes` too.
function expandCopies(outcomes: StationOutcome[]): StationOutcome[] {
  const byRoot = new Map<string, Diagnostic[]>();
  return outcomes.map((o) => {
    if (!o.ok) return o;
    if (o.copyOf === undefined) {
      byRoot.set(o.root, o.diagnostics);
      return o;
    }
    const earlier = byRoot.get(o.copyOf);
    if (!earlier) throw new Error(`internal error: ${o.root} is a copy of ${o.copyOf}, which was not checked before it`);
    return { ok: true, root: o.root, files: o.files, diagnostics: earlier.map((d) => moved(d, o.copyOf!, o.root)) };
  });
}

// a station that loaded already carries its display path; one that could not be read still has the path given
const withDisplayRoot = (o: StationOutcome, cwd: string): StationOutcome => (o.ok ? o : { ...o, root: displayPath(cwd, o.root) });
