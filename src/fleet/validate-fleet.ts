import { displayPath } from '../model/load.js';
import type { Target } from '../rules/rule.js';
import { checkStation } from './check-station.js';
import type { StationOutcome } from './check-station.js';
import { runPool } from './pool.js';

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
  return outcomes.map((o) => withDisplayRoot(o, opts.cwd));
}

// a station that loaded already carries its display path; one that could not be read still has the path given
const withDisplayRoot = (o: StationOutcome, cwd: string): StationOutcome => (o.ok ? o : { ...o, root: displayPath(cwd, o.root) });
