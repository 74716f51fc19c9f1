import { dirname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { initDb } from '../db/index.js';
import { environmentError } from '../db/station-db.js';
import type { ErrorCode } from '../errors.js';
import { isOcppctlError } from '../errors.js';
import { makeDirs } from '../files/make-dirs.js';

export interface BuildOptions {
  cwd: string;
  legacyCtrlr: boolean;
  strict?: boolean;
  maxFileSize?: number;
}

export interface DbJob {
  /** Absolute component_config folder. */
  root: string;
  /** Absolute database path, already checked to lie inside the output folder. */
  db: string;
}

export type DbOutcome =
  | { ok: true; root: string; db: string; status: 'refused' | 'planned' | 'created' | 'updated'; files: number; diagnostics: Diagnostic[] }
  | { ok: false; root: string; db: string; code: ErrorCode | 'INTERNAL'; message: string };

/** init-db for one station of a fleet. Never throws, so that one bad station does not stop the others. */
export async function buildStationDb(job: DbJob, opts: BuildOptions): Promise<DbOutcome> {
  try {
    makeDirs(dirname(job.db));
    const r = await initDb({
      config: job.root,
      db: job.db,
      cwd: opts.cwd,
      legacyCtrlr: opts.legacyCtrlr,
      strict: opts.strict,
      maxFileSize: opts.maxFileSize,
    });
    return { ok: true, root: job.root, db: r.db, status: r.status, files: r.files, diagnostics: r.diagnostics };
  } catch (caught) {
    // a folder of --out that cannot be made (read-only, disk full, ...) is the machine's error, named as such
    const err = environmentError(caught, job.db, job.db) ?? caught;
    if (isOcppctlError(err)) return { ok: false, root: job.root, db: job.db, code: err.code, message: err.message };
    return {
      ok: false,
      root: job.root,
      db: job.db,
      code: 'INTERNAL',
      message: `internal error while building ${job.db}: ${(err as Error)?.message ?? String(err)}`,
    };
  }
}
