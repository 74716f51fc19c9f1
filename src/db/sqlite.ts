import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

// better-sqlite3 finds its native addon through the `bindings` package, which tries a dozen paths in turn
// (about 2.5 ms of an init-db run). Built from source (.npmrc) or from a prebuilt binary, the addon sits in
// the package's build/Release; naming it skips the search, and lets the CLI bundle carry better-sqlite3's
// JavaScript (scripts/bundle.mjs), where `bindings` could not find the package from.
let addon: string | null | undefined;
function nativeBinding(): string | undefined {
  if (addon === undefined) {
    try {
      const path = join(
        dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
        'build/Release/better_sqlite3.node',
      );
      addon = existsSync(path) ? path : null;
    } catch {
      addon = null;
    }
  }
  return addon ?? undefined;
}

/** Opens (or creates) a SQLite database, or an in-memory one from a file's bytes; the one place ocppctl does. */
export function openDatabase(path: string | Buffer, options: Database.Options = {}): SqliteDatabase {
  return new Database(path, { ...options, nativeBinding: nativeBinding() });
}
