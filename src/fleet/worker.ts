import { parentPort, workerData } from 'node:worker_threads';
import type { Task } from './pool.js';

// Each task's module loads only in the workers that run it: validate workers never load SQLite, and so on
const { task, options } = workerData as { task: Task; options: never };
const run: (job: never, options: never) => unknown =
  task === 'validate' ? (await import('./check-station.js')).checkStation : (await import('./build-station-db.js')).buildStationDb;

parentPort!.on('message', (msg: { id: number; job: never }) => {
  // a validate worker answers a copy of an earlier station with that station's name (checkStation's compact form)
  const compactRun = run as (job: never, options: never, compact: boolean) => unknown;
  void (async () => parentPort!.postMessage({ id: msg.id, result: await compactRun(msg.job, options, true) }))();
});
