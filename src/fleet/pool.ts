import { Worker } from 'node:worker_threads';

/** The jobs a fleet worker knows; each names the module and function it runs per station. */
export type Task = 'validate' | 'init-db';

// Two jobs in flight per worker hide the message round trip without starving the other workers at the end
const IN_FLIGHT = 2;

/**
 * Runs `jobs` on `count` worker threads (worker.js with the given task) and returns the results in the order of
 * `jobs`, whichever worker finished first. A worker that dies rejects the whole run.
 */
export async function runPool<J, R>(
  task: Task,
  options: unknown,
  jobs: readonly J[],
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<R[]> {
  const total = jobs.length;
  const results: R[] = new Array<R>(total);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      if (total === 0) return resolveAll();
      const feed = (worker: Worker) => {
        if (next < total) {
          const id = next++;
          worker.postMessage({ id, job: jobs[id] });
        }
      };
      for (let i = 0; i < Math.min(count, total); i++) {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { task, options } });
        workers.push(worker);
        worker.on('message', (msg: { id: number; result: R }) => {
          results[msg.id] = msg.result;
          done++;
          onProgress?.(done, total);
          if (done === total) resolveAll();
          else feed(worker);
        });
        worker.on('error', (err) => rejectAll(err));
        worker.on('exit', (code) => {
          if (done < total) rejectAll(new Error(`a fleet worker stopped (exit code ${code}) with ${total - done} stations left`));
        });
        for (let k = 0; k < IN_FLIGHT; k++) feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
