import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { displayPath, joinPointer, loadConfigTree } from '../model/index.js';
import type { ConfigTree } from '../model/index.js';
import type { DbAttribute, DbComponent, DbState, DbVariable } from './db-state.js';
import { LEGACY_CTRLR, legacyCtrlr } from './legacy-ctrlr.js';
import { compareBytes, keyString, readLibocppConfig } from './libocpp-config.js';
import type { DmAttribute, DmComponent, DmVariable, LibocppConfig } from './libocpp-config.js';
import type { SqliteDatabase } from './sqlite.js';
import { environmentError, followLinks, openForReading, readDeviceModel } from './station-db.js';
import { valueToWrite } from './update-plan.js';

// What `db diff` and `db export --like` share: a database read as libocpp reads it, a tree read as libocpp's
// initializer reads it, and the two matched component by component, variable by variable, attribute by type.

export interface Compared {
  tree: ConfigTree;
  config: LibocppConfig;
  state: DbState;
  shownDb: string;
}

/** Reads a database (refusing what init-db refuses) and a config tree libocpp would accept. */
export function readBoth(opts: {
  db: string;
  config: string;
  cwd?: string;
  check?: (db: SqliteDatabase, shown: string) => void;
}): Compared {
  const cwd = resolve(opts.cwd ?? '.');
  const dbPath = resolve(cwd, opts.db);
  const shownDb = displayPath(cwd, dbPath);
  if (!existsSync(dbPath)) throw new OcppctlError('INPUT', `no database at ${shownDb}`);
  const tree = loadConfigTree(opts.config, { cwd });
  const config = readLibocppConfig(tree);
  if (config.errors.length) {
    const e = config.errors[0];
    throw new OcppctlError(
      'INPUT',
      `${e.file}:${e.line}:${e.column}: ${e.message}` +
        (config.errors.length > 1 ? ` (and ${config.errors.length - 1} more)` : '') +
        `; libocpp refuses ${tree.displayRoot}, so there is nothing to compare: run ocppctl validate ${tree.displayRoot}`,
    );
  }
  const path = followLinks(dbPath, shownDb);
  let state: DbState;
  try {
    const db = openForReading(path, shownDb);
    try {
      state = readDeviceModel(db, shownDb);
      opts.check?.(db, shownDb);
    } finally {
      db.close();
    }
  } catch (err) {
    throw environmentError(err, path, shownDb) ?? err;
  }
  return { tree, config, state, shownDb };
}

export interface ComponentPair {
  tree: DmComponent;
  db: DbComponent;
}

export interface Pairing {
  pairs: ComponentPair[];
  /** In the tree (libocpp would build them) but not in the database. */
  treeOnly: DmComponent[];
  /** In the database, from no file of the tree. */
  dbOnly: DbComponent[];
}

/**
 * Matches components by libocpp's key. A database built from a tree without OCPP16LegacyCtrlr holds libocpp's
 * built-in one: it is matched against that built-in component, so only what the station changed in it differs.
 */
export function pairComponents(config: LibocppConfig, state: DbState): Pairing {
  const components = [...config.components];
  if (!components.some((c) => c.key.name === LEGACY_CTRLR) && state.components.some((c) => c.key.name === LEGACY_CTRLR))
    components.push(legacyCtrlr());
  const pairs: ComponentPair[] = [];
  const treeOnly: DmComponent[] = [];
  const used = new Set<DbComponent>();
  for (const c of components) {
    const db = state.byKey.get(keyString(c.key));
    if (db) {
      pairs.push({ tree: c, db });
      used.add(db);
    } else treeOnly.push(c);
  }
  return { pairs, treeOnly, dbOnly: state.components.filter((c) => !used.has(c)) };
}

export const sameVariable = (a: { name: string; instance?: string }, b: { name: string; instance?: string }) =>
  a.name === b.name && a.instance === b.instance;

export interface AttributeMatch {
  /** Index among the variable's attributes as libocpp reads them (array order, or object keys in byte order). */
  index: number;
  attribute: DmAttribute;
  db?: DbAttribute;
  /** The text init-db stores from the tree: the attribute's value, or for Actual the variable's default. */
  treeValue?: string;
  /** Whether treeValue comes from the variable's default (the attribute has no value of its own). */
  fromDefault: boolean;
}

/** The tree's attributes of a variable, each with the database attribute of the same type. */
export function matchAttributes(v: DmVariable, dbv: DbVariable): AttributeMatch[] {
  return v.attributes.map((attribute, index) => ({
    index,
    attribute,
    db: dbv.attributes.find((b) => b.type === attribute.type),
    treeValue: valueToWrite(attribute, v.defaultValue),
    fromDefault: attribute.value === undefined && valueToWrite(attribute, v.defaultValue) !== undefined,
  }));
}

/** The JSON pointer of attribute `index` of a variable read from a file (attributes may be an array or an object). */
export function attributePointer(v: DmVariable, index: number): string | undefined {
  if (!v.at) return undefined;
  let node: unknown = v.at.file.json;
  for (const seg of v.at.pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  const attrs = node && typeof node === 'object' ? (node as Record<string, unknown>).attributes : undefined;
  if (Array.isArray(attrs)) return joinPointer(v.at.pointer, 'attributes', index);
  if (attrs && typeof attrs === 'object') {
    const key = Object.keys(attrs).sort(compareBytes)[index];
    return key === undefined ? undefined : joinPointer(v.at.pointer, 'attributes', key);
  }
  return undefined;
}
