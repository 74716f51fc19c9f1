import { relative, resolve, sep } from 'node:path';
import { safeJoin } from '../files/safe-path.js';
import { buildStationDb } from './build-station-db.js';
import type { BuildOptions, DbJob, DbOutcome } from './build-station-db.js';
import { runPool } from './pool.js';

/**
 * Where each station's database goes: the station's path below the fleet folder, without a final
 * component_config, plus .db (stations/site-1/cp-7/component_config → OUT/site-1/cp-7.db).
 */
export function databasePaths(roots: readonly string[], fleetTop: string, out: string): DbJob[] {
  return roots.map((root) => {
    const parts = relative(resolve(fleetTop), root).split(sep).filter(Boolean);
    if (parts.at(-1) === 'component_config') parts.pop();
    const name = parts.length ? parts.join('/') : 'station';
    return { root, db: safeJoin(out, `${name}.db`) };
  });
}

export interface FleetDbOptions extends BuildOptions {
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/** init-db for every station; outcomes in the order of `jobs`. */
export async function initDbFleet(jobs: readonly DbJob[], opts: FleetDbOptions): Promise<DbOutcome[]> {
  const build: BuildOptions = { cwd: opts.cwd, legacyCtrlr: opts.legacyCtrlr, strict: opts.strict, maxFileSize: opts.maxFileSize };
  if (opts.workers <= 1 || jobs.length <= 1) {
    const out: DbOutcome[] = [];
    for (const job of jobs) {
      out.push(await buildStationDb(job, build));
      opts.onProgress?.(out.length, jobs.length);
    }
    return out;
  }
  return runPool<DbJob, DbOutcome>('init-db', build, jobs, opts.workers, opts.onProgress);
}
