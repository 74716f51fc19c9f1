// Starting a worker and loading the library in it costs ~90 ms, and on a 2-core machine file reads and garbage
// collection already keep the second core partly busy: the fleet benchmark breaks even at about 500 stations
// (README, Performance). One worker per 250 trees, up to the number of cores, stays on the fast side of that.
const TREES_PER_WORKER = 250;

export const defaultWorkers = (cores: number, trees: number) => Math.max(1, Math.min(cores, Math.floor(trees / TREES_PER_WORKER)));
