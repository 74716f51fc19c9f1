import { Worker } from 'node:worker_threads';
import { displayPath } from '../model/load.js';
import type { Target } from '../rules/rule.js';
import { checkStation } from './check-station.js';
import type { StationOutcome } from './check-station.js';

export interface FleetOptions {
  cwd: string;
  target: Target;
  /** Worker threads; 1 (or a single station) checks in this thread. */
  workers: number;
  /** Called after each station with the count done so far. */
  onProgress?: (done: number, total: number) => void;
}

// Two stations in flight per worker hide the message round trip without starving the other workers at the end
const IN_FLIGHT = 2;

/** Checks every root; outcomes come back in the order of `roots`, whichever worker finished first. */
export async function validateFleet(roots: readonly string[], opts: FleetOptions): Promise<StationOutcome[]> {
  const check = { cwd: opts.cwd, target: opts.target };
  const total = roots.length;
  if (opts.workers <= 1 || total <= 1) {
    const out: StationOutcome[] = [];
    for (const root of roots) {
      out.push(checkStation(root, check));
      opts.onProgress?.(out.length, total);
    }
    return out.map((o) => withDisplayRoot(o, opts.cwd));
  }

  const outcomes: StationOutcome[] = new Array(total);
  const count = Math.min(opts.workers, total);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      const feed = (worker: Worker) => {
        if (next < total) {
          const id = next++;
          worker.postMessage({ id, root: roots[id] });
        }
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: check });
        workers.push(worker);
        worker.on('message', (msg: { id: number; outcome: StationOutcome }) => {
          outcomes[msg.id] = msg.outcome;
          done++;
          opts.onProgress?.(done, total);
          if (done === total) resolveAll();
          else feed(worker);
        });
        worker.on('error', (err) => rejectAll(err));
        worker.on('exit', (code) => {
          if (done < total) rejectAll(new Error(`a validate worker stopped (exit code ${code}) with ${total - done} stations left`));
        });
        for (let k = 0; k < IN_FLIGHT; k++) feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes.map((o) => withDisplayRoot(o, opts.cwd));
}

// a station that loaded already carries its display path; one that could not be read still has the path given
const withDisplayRoot = (o: StationOutcome, cwd: string): StationOutcome => (o.ok ? o : { ...o, root: displayPath(cwd, o.root) });
