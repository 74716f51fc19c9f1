import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { safeJoin } from '../files/safe-path.js';
import { openDatabase } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';
import { OcppctlError } from '../errors.js';
import { siblingPath } from '../files/sibling-path.js';
import { displayPath } from '../model/index.js';
import { readDbState } from './db-state.js';
import type { DbComponent, DbVariable } from './db-state.js';
import { ATTRIBUTE_TYPES, DATA_TYPES, MONITOR_CONFIG_TYPES, MONITOR_TYPES, MUTABILITIES, SCHEMA_VERSION } from './schema.js';

export interface ExportOptions {
  db: string;
  out: string;
  cwd?: string;
}

export interface ExportResult {
  out: string;
  files: string[];
  components: number;
  variables: number;
}

// A component file in the layout of EVerest's config: EVSE and Connector components under custom/, the
// controllers under standardized/, named Name[_instance][_evse[_connector]].json
function fileName(c: DbComponent): string {
  const parts = [c.key.name, c.key.instance, c.key.evseId, c.key.connectorId].filter((p) => p !== undefined);
  return `${c.key.evseId !== undefined ? 'custom' : 'standardized'}/${parts.join('_').replace(/[/\\]/g, '-')}.json`;
}

function variableJson(v: DbVariable): Record<string, unknown> {
  const characteristics: Record<string, unknown> = { supportsMonitoring: v.supportsMonitoring, dataType: DATA_TYPES[v.dataType] };
  if (v.unit !== undefined) characteristics.unit = v.unit;
  if (v.valuesList !== undefined) characteristics.valuesList = v.valuesList;
  if (v.minLimit !== undefined) characteristics.minLimit = v.minLimit;
  if (v.maxLimit !== undefined) characteristics.maxLimit = v.maxLimit;
  const out: Record<string, unknown> = { variable_name: v.name };
  if (v.instance !== undefined) out.instance = v.instance;
  if (v.source !== undefined) out.source = v.source;
  out.characteristics = characteristics;
  out.attributes = v.attributes.map((a) => {
    const attr: Record<string, unknown> = {};
    if (a.type !== undefined) attr.type = ATTRIBUTE_TYPES[a.type];
    if (a.mutability !== undefined) attr.mutability = MUTABILITIES[a.mutability];
    // the current value, as text (libocpp stores every value as text and reads it back as text)
    if (a.value !== undefined) attr.value = a.value;
    // who set it: libocpp has no such key in component files and ignores it; kept so the export says it
    if (a.value !== undefined && a.valueSource !== undefined && a.valueSource !== 'default') attr.value_source = a.valueSource;
    if (a.persistent === false) attr.persistent = false;
    if (a.constant === true) attr.constant = true;
    return attr;
  });
  const monitors = [...v.monitors, ...v.customMonitors].sort((a, b) => a.id - b.id);
  if (monitors.length)
    out.monitors = monitors.map((m) => ({
      config_type: MONITOR_CONFIG_TYPES[m.configType],
      type: MONITOR_TYPES[m.type],
      severity: m.severity,
      value: m.value,
      ...(m.transaction ? { transaction: true } : {}),
      ...(m.referenceValue !== undefined ? { reference_value: m.referenceValue } : {}),
    }));
  return out;
}

/** Writes a station's database back out as a component_config tree, all or nothing (temp folder + rename). */
export function exportDb(opts: ExportOptions): ExportResult {
  // path.resolve falls back to the working directory itself; the library never reads process state
  const cwd = resolve(opts.cwd ?? '.');
  const dbPath = resolve(cwd, opts.db);
  const outPath = resolve(cwd, opts.out);
  const shownDb = displayPath(resolve(cwd), dbPath);
  const shownOut = displayPath(resolve(cwd), outPath);
  if (!existsSync(dbPath)) throw new OcppctlError('INPUT', `no database at ${shownDb}`);
  if (existsSync(outPath) && (!statSync(outPath).isDirectory() || readdirSync(outPath).length > 0))
    throw new OcppctlError('INPUT', `${shownOut} exists and is not an empty folder; choose a new --out`);
  let db: SqliteDatabase;
  try {
    db = openDatabase(dbPath, { fileMustExist: true });
    db.pragma('schema_version');
  } catch (err) {
    throw new OcppctlError('DB_ERROR', `${shownDb} is not a readable SQLite database: ${(err as Error).message}`);
  }
  let components: DbComponent[];
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new OcppctlError('DB_VERSION_UNSUPPORTED', `${shownDb} has user_version ${version}, newer than the ${SCHEMA_VERSION} this ocppctl knows`);
    components = readDbState(db).components;
  } catch (err) {
    if (err instanceof OcppctlError) throw err;
    throw new OcppctlError('DB_ERROR', `${shownDb} does not have libocpp's device-model tables: ${(err as Error).message}`);
  } finally {
    db.close();
  }

  const files = new Map<string, Record<string, unknown>>();
  let variables = 0;
  for (const c of components) {
    let name = fileName(c);
    // libocpp's old bugs can leave two rows with one key; keep both rather than lose one
    for (let n = 2; files.has(name); n++) name = fileName(c).replace(/\.json$/, `_${n}.json`);
    const properties: Record<string, unknown> = {};
    for (const v of c.variables) {
      let key = v.instance !== undefined ? `${v.name}_${v.instance}` : v.name;
      for (let n = 2; key in properties; n++) key = `${v.name}_${n}`;
      properties[key] = variableJson(v);
      variables++;
    }
    const json: Record<string, unknown> = { name: c.key.name, type: 'object' };
    if (c.key.evseId !== undefined) json.evse_id = c.key.evseId;
    if (c.key.connectorId !== undefined) json.connector_id = c.key.connectorId;
    if (c.key.instance !== undefined) json.instance = c.key.instance;
    json.properties = properties;
    files.set(name, json);
  }

  mkdirSync(dirname(outPath), { recursive: true });
  const tmp = siblingPath(outPath, 'tmp');
  try {
    for (const folder of ['standardized', 'custom']) mkdirSync(join(tmp, folder), { recursive: true });
    for (const [name, json] of files) {
      // component names and instances come from the database: a NUL or ../ in one must not steer the write
      const path = safeJoin(tmp, name);
      writeFileSync(path, JSON.stringify(json, null, 2) + '\n');
      const fd = openSync(path, 'r');
      fsyncSync(fd);
      closeSync(fd);
    }
    if (existsSync(outPath)) rmSync(outPath, { recursive: true });
    renameSync(tmp, outPath);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return { out: shownOut, files: [...files.keys()].sort(), components: components.length, variables };
}
