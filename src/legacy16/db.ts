import type { Database } from 'better-sqlite3';
import type { DbComponent, DbVariable } from '../db/db-state.js';
import { DATA_TYPES, MUTABILITIES } from '../db/schema.js';
import {
  abandon,
  commitAndClose,
  environmentError,
  existingDbFile,
  openForReading,
  openLocked,
  readDeviceModel,
  sqliteError,
} from '../db/station-db.js';
import { storedText } from '../model/index.js';
import type { CompKey, Legacy16Plan, TargetModel, TargetVar } from './plan.js';

// The plan on a device-model database: the same writes, in one transaction under SQLite's exclusive lock.

const ACTUAL = 0;
// libocpp's patcher marks every value it migrates with this VALUE_SOURCE
const SOURCE = 'OCPP16Config';

const findComponent = (components: DbComponent[], key: CompKey) =>
  components.find(
    (c) =>
      c.key.name === key.name && c.key.instance === key.instance && c.key.evseId === key.evseId && c.key.connectorId === key.connectorId,
  );
const findVariable = (c: DbComponent | undefined, name: string, instance?: string) =>
  c?.variables.find((v) => v.name === name && v.instance === instance);
const actual = (v: DbVariable | undefined) => v?.attributes.find((a) => (a.type ?? ACTUAL) === ACTUAL);

function dbModel(components: DbComponent[]): TargetModel {
  return {
    hasComponent: (key) => findComponent(components, key) !== undefined,
    variable: (key, name, instance): TargetVar | undefined => {
      const v = findVariable(findComponent(components, key), name, instance);
      if (!v) return undefined;
      const a = actual(v);
      return {
        dataType: DATA_TYPES[v.dataType],
        minLimit: v.minLimit,
        maxLimit: v.maxLimit,
        valuesList: v.valuesList,
        hasActual: a !== undefined,
        // a value init-db took from the file's `default` carries VALUE_SOURCE 'default': like a default, it does not count
        actualHasValue: a?.value !== undefined && a.valueSource !== 'default',
        mutability: a?.mutability !== undefined ? MUTABILITIES[a.mutability] : undefined,
        current: a?.value,
        ownValue: a?.value,
      };
    },
  };
}

export interface MigrateDbOptions {
  db: string;
  cwd: string;
  dryRun?: boolean;
  lockTimeoutMs?: number;
}

/** Plans with `decide` against the database's device model and, unless a dry run, applies it in one transaction. */
export function migrate16Db(
  opts: MigrateDbOptions,
  decide: (model: TargetModel) => Legacy16Plan,
): { plan: Legacy16Plan; written: number; db: string } {
  const { path, display } = existingDbFile(opts.cwd, opts.db);
  try {
    if (opts.dryRun) {
      const db = openForReading(path, display);
      try {
        return { plan: decide(dbModel(readDeviceModel(db, display).components)), written: 0, db: display };
      } finally {
        db.close();
      }
    }
    const db = openLocked(path, display, opts.lockTimeoutMs);
    try {
      const components = readDeviceModel(db, display).components;
      const plan = decide(dbModel(components));
      const written = apply(db, components, plan);
      commitAndClose(db);
      return { plan, written, db: display };
    } catch (err) {
      abandon(db);
      throw err;
    }
  } catch (err) {
    throw environmentError(err, path, display) ?? sqliteError(err, display) ?? err;
  }
}

function apply(db: Database, components: DbComponent[], plan: Legacy16Plan): number {
  const setValue = db.prepare(`UPDATE VARIABLE_ATTRIBUTE SET "VALUE" = ?, VALUE_SOURCE = '${SOURCE}' WHERE ID = ?`);
  const setMutability = db.prepare('UPDATE VARIABLE_ATTRIBUTE SET MUTABILITY_ID = ? WHERE ID = ?');
  const setMax = db.prepare('UPDATE VARIABLE_CHARACTERISTICS SET MAX_LIMIT = ? WHERE ID = ?');
  const setList = db.prepare('UPDATE VARIABLE_CHARACTERISTICS SET VALUES_LIST = ? WHERE ID = ?');
  let n = 0;
  db.transaction(() => {
    for (const w of plan.writes) {
      const v = findVariable(findComponent(components, w.component), w.variable, w.instance)!;
      const a = actual(v)!;
      if (w.field === 'value') {
        if (a.value === storedText(w.value)) continue;
        setValue.run(storedText(w.value), a.id);
      } else if (w.field === 'mutability') {
        const id = MUTABILITIES.indexOf(w.value as (typeof MUTABILITIES)[number]);
        if (a.mutability === id) continue;
        setMutability.run(id, a.id);
      } else if (w.field === 'default') {
        continue; // a database has no default: its Actual value is trimmed instead
      } else {
        if (v.characteristicsId === undefined) continue;
        if (w.field === 'maxLimit') setMax.run(w.value, v.characteristicsId);
        else setList.run(w.value, v.characteristicsId);
      }
      n++;
    }
  })();
  return n;
}
