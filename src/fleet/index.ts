export { findConfigRoots, sortRoots } from './discover.js';
export { parseShard, selectShard } from './shard.js';
export type { Shard } from './shard.js';
export { rootsTouchedBy } from './changed.js';
export { validateFleet } from './validate-fleet.js';
export type { FleetOptions } from './validate-fleet.js';
export type { StationOutcome, CheckOptions } from './check-station.js';
export { checkStation } from './check-station.js';
export { stationSummary } from './station-summary.js';
export type { StationLine } from './station-summary.js';
export { progressLine } from './progress.js';
export { defaultWorkers } from './default-workers.js';
// init-db-fleet.js is imported on its own: it loads SQLite, which validate must not pay for
