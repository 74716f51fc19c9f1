import { parentPort, workerData } from 'node:worker_threads';
import { checkStation } from './check-station.js';
import type { CheckOptions } from './check-station.js';

const opts = workerData as CheckOptions;
parentPort!.on('message', (msg: { id: number; root: string }) => {
  parentPort!.postMessage({ id: msg.id, outcome: checkStation(msg.root, opts) });
});
