import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { safeJoin } from '../files/safe-path.js';
import type { SqliteDatabase } from './sqlite.js';
import { OcppctlError } from '../errors.js';
import { siblingPath } from '../files/sibling-path.js';
import { holdsSecret } from '../files/secret-content.js';
import { writeNewFileSync } from '../files/new-file.js';
import { makeDirs } from '../files/make-dirs.js';
import { displayPath } from '../model/index.js';
import type { DbComponent, DbVariable } from './db-state.js';
import { describeDmKey } from './libocpp-config.js';
import { ATTRIBUTE_TYPES, DATA_TYPES, MONITOR_CONFIG_TYPES, MONITOR_TYPES, MUTABILITIES } from './schema.js';
import { environmentError, followLinks, openForReading, readDeviceModel } from './station-db.js';
import { readBoth } from './db-compare.js';
import { planLikeExport, secretValue } from './export-like.js';

export interface ExportOptions {
  db: string;
  out: string;
  cwd?: string;
  /** A component_config tree: write each component into the file it came from, changing only values. */
  like?: string;
  /** Write secret values (passwords, keys, the legacy blob); otherwise they are left out. */
  includeSecrets?: boolean;
}

export interface ExportResult {
  out: string;
  files: string[];
  components: number;
  variables: number;
  /** --like: how many values were changed in the tree's files. */
  values?: number;
  /** What the export left out or wrote differently, one sentence each. */
  notes: string[];
  /** "Component.Variable" of the secret values left out (without includeSecrets). */
  leftOut: string[];
}

// A component file in the layout of EVerest's config: EVSE and Connector components under custom/, the
// controllers under standardized/, named Name[_instance][_evse[_connector]].json
function fileName(c: DbComponent): string {
  const parts = [c.key.name, c.key.instance, c.key.evseId, c.key.connectorId].filter((p) => p !== undefined);
  return `${c.key.evseId !== undefined ? 'custom' : 'standardized'}/${parts.join('_').replace(/[/\\]/g, '-')}.json`;
}

// libocpp stores limits and monitor values through a 32-bit float, so a limit beyond its range is stored as
// infinity, which JSON cannot write (JSON.stringify gives null, which libocpp refuses). 1e39 is a JSON number
// that the same float rounding stores as that infinity again.
const jsonNumber = (n: number) => (n === Infinity ? 1e39 : n === -Infinity ? -1e39 : n);

interface SecretPolicy {
  include: boolean;
  leftOut: Set<string>;
  /** Set when a secret value is written. */
  wrote: boolean;
}

function variableJson(component: string, v: DbVariable, secrets: SecretPolicy): Record<string, unknown> {
  const mutabilities = v.attributes.map((a) => a.mutability);
  const characteristics: Record<string, unknown> = { supportsMonitoring: v.supportsMonitoring, dataType: DATA_TYPES[v.dataType] };
  if (v.unit !== undefined) characteristics.unit = v.unit;
  if (v.valuesList !== undefined) characteristics.valuesList = v.valuesList;
  if (v.minLimit !== undefined) characteristics.minLimit = jsonNumber(v.minLimit);
  if (v.maxLimit !== undefined) characteristics.maxLimit = jsonNumber(v.maxLimit);
  const out: Record<string, unknown> = { variable_name: v.name };
  if (v.instance !== undefined) out.instance = v.instance;
  if (v.source !== undefined) out.source = v.source;
  out.characteristics = characteristics;
  out.attributes = v.attributes.map((a) => {
    const attr: Record<string, unknown> = {};
    if (a.type !== undefined) attr.type = ATTRIBUTE_TYPES[a.type];
    if (a.mutability !== undefined) attr.mutability = MUTABILITIES[a.mutability];
    // the current value, as text (libocpp stores every value as text and reads it back as text); a secret only
    // when asked for
    const secret = secretValue(component, v.name, mutabilities, a.value);
    const leaveOut = secret && !secrets.include;
    if (leaveOut) secrets.leftOut.add(`${component}.${v.name}`);
    else if (secret) secrets.wrote = true;
    if (a.value !== undefined && !leaveOut) attr.value = a.value;
    // who set it: libocpp has no such key in component files and ignores it; kept so the export says it
    if (a.value !== undefined && !leaveOut && a.valueSource !== undefined && a.valueSource !== 'default') attr.value_source = a.valueSource;
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
      value: jsonNumber(m.value),
      ...(m.transaction ? { transaction: true } : {}),
      ...(m.referenceValue !== undefined ? { reference_value: m.referenceValue } : {}),
    }));
  return out;
}

/** A plain export's file: the component as a JSON object, in the layout of EVerest's config. */
function componentJson(c: DbComponent, secrets: SecretPolicy): { json: Record<string, unknown>; variables: number } {
  const properties: Record<string, unknown> = {};
  let variables = 0;
  for (const v of c.variables) {
    let key = v.instance !== undefined ? `${v.name}_${v.instance}` : v.name;
    for (let n = 2; key in properties; n++) key = `${v.name}_${n}`;
    properties[key] = variableJson(c.key.name, v, secrets);
    variables++;
  }
  const json: Record<string, unknown> = { name: c.key.name, type: 'object' };
  if (c.key.evseId !== undefined) json.evse_id = c.key.evseId;
  if (c.key.connectorId !== undefined) json.connector_id = c.key.connectorId;
  if (c.key.instance !== undefined) json.instance = c.key.instance;
  json.properties = properties;
  return { json, variables };
}

interface OutFile {
  // a file copied unchanged is read as UTF-8 and written back as UTF-8: the same bytes, BOM included
  content: string;
  secret: boolean;
}

/**
 * Writes a station's database back out as a component_config tree, all or nothing (temp folder + rename). With
 * `like`, each component goes into the file of that tree it came from, changing only values; secret values
 * are left out unless `includeSecrets`, and a file that holds one is created 0600.
 */
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
  const secrets: SecretPolicy = { include: opts.includeSecrets ?? false, leftOut: new Set(), wrote: false };
  const files = new Map<string, OutFile>();
  const notes: string[] = [];
  let components: DbComponent[];
  let values: number | undefined;
  const addComponent = (c: DbComponent) => {
    let name = fileName(c);
    // libocpp's old bugs can leave two rows with one key; keep both rather than lose one
    for (let n = 2; files.has(name); n++) name = fileName(c).replace(/\.json$/, `_${n}.json`);
    secrets.wrote = false;
    const { json, variables } = componentJson(c, secrets);
    const text = JSON.stringify(json, null, 2) + '\n';
    files.set(name, { content: text, secret: secrets.wrote || holdsSecret(text) });
    return { name, variables };
  };

  let variables = 0;
  if (opts.like !== undefined) {
    const compared = readBoth({ db: opts.db, config: opts.like, cwd, check: refuseUnwritable });
    components = compared.state.components;
    const plan = planLikeExport(compared, secrets.include);
    for (const f of plan.files) files.set(f.name, { content: f.content, secret: f.secret || holdsSecret(f.content) });
    for (const s of plan.leftOut) secrets.leftOut.add(s);
    notes.push(...plan.notes);
    for (const c of [...plan.newComponents, ...plan.changedBuiltIns]) {
      const { name } = addComponent(c);
      notes.push(
        plan.changedBuiltIns.includes(c)
          ? `${name}: libocpp's built-in ${describeDmKey(c.key)}, written because the station changed a value in it`
          : `${name}: ${describeDmKey(c.key)} is in the database but in no file of ${compared.tree.displayRoot}; written as a new file`,
      );
    }
    values = plan.values;
    variables = components.reduce((n, c) => n + c.variables.length, 0);
  } else {
    const path = followLinks(dbPath, shownDb);
    try {
      const db = openForReading(path, shownDb);
      try {
        components = readDeviceModel(db, shownDb).components;
        refuseUnwritable(db, shownDb);
      } finally {
        db.close();
      }
    } catch (err) {
      throw environmentError(err, path, shownDb) ?? err;
    }
    for (const c of components) variables += addComponent(c).variables;
  }

  const tmp = siblingPath(outPath, 'tmp');
  try {
    makeDirs(dirname(outPath));
    for (const folder of ['standardized', 'custom']) makeDirs(join(tmp, folder));
    for (const [name, file] of files) {
      // component names and instances come from the database: a NUL or ../ in one must not steer the write
      const path = safeJoin(tmp, name);
      // flushed before the rename; a file holding a password or key is readable by its owner only
      writeNewFileSync(path, file.content, { secret: file.secret });
    }
    if (existsSync(outPath)) rmSync(outPath, { recursive: true });
    renameSync(tmp, outPath);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw environmentError(err, tmp, shownOut) ?? err;
  }
  const leftOut = [...secrets.leftOut].sort();
  return { out: shownOut, files: [...files.keys()].sort(), components: components.length, variables, values, notes, leftOut };
}

// Values a component file cannot say so that init-db stores them again: an EVSE or connector id that is not an
// integer (a text such as 'x1' would become EVSE_NaN.json, and libocpp reads it as 0), a limit or monitor value
// stored as text. Refused with the row, rather than written as something else.
function refuseUnwritable(db: SqliteDatabase, shown: string) {
  // quote() shows the stored type (text in quotes); control characters from a crafted row never reach the terminal
  const safe = (v: unknown) =>
    String(v).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const notInt = (col: string) => `(${col} IS NOT NULL AND (typeof(${col}) != 'integer' OR ${col} NOT BETWEEN -2147483648 AND 2147483647))`;
  const component = db
    .prepare(
      `SELECT ID, NAME, quote(EVSE_ID) AS EVSE, quote(CONNECTOR_ID) AS CONNECTOR FROM COMPONENT WHERE ${notInt('EVSE_ID')} OR ${notInt('CONNECTOR_ID')} ORDER BY ID LIMIT 1`,
    )
    .get() as { ID: number; NAME: unknown; EVSE: string; CONNECTOR: string } | undefined;
  if (component)
    throw new OcppctlError(
      'DB_ERROR',
      `${shown}: COMPONENT row ${component.ID} (${safe(component.NAME)}) has EVSE_ID ${safe(component.EVSE)} and CONNECTOR_ID ${safe(component.CONNECTOR)}; ` +
        'a component file needs integers there; nothing was written',
    );
  const notNumber = (col: string) => `(${col} IS NOT NULL AND typeof(${col}) NOT IN ('integer', 'real'))`;
  const limit = db
    .prepare(
      `SELECT c.VARIABLE_ID AS VID, v.NAME AS NAME, quote(c.MIN_LIMIT) AS MIN, quote(c.MAX_LIMIT) AS MAX FROM VARIABLE_CHARACTERISTICS c LEFT JOIN VARIABLE v ON v.ID = c.VARIABLE_ID WHERE ${notNumber('c.MIN_LIMIT')} OR ${notNumber('c.MAX_LIMIT')} ORDER BY c.ID LIMIT 1`,
    )
    .get() as { VID: number; NAME: unknown; MIN: string; MAX: string } | undefined;
  if (limit)
    throw new OcppctlError(
      'DB_ERROR',
      `${shown}: VARIABLE_CHARACTERISTICS of variable ${limit.VID} (${safe(limit.NAME)}) has MIN_LIMIT ${safe(limit.MIN)} and MAX_LIMIT ${safe(limit.MAX)}; a component file needs numbers there; nothing was written`,
    );
  const monitor = db
    .prepare(
      `SELECT ID, VARIABLE_ID AS VID, quote("VALUE") AS VALUE FROM VARIABLE_MONITORING WHERE "VALUE" IS NOT NULL AND typeof("VALUE") NOT IN ('integer', 'real') ORDER BY ID LIMIT 1`,
    )
    .get() as { ID: number; VID: number; VALUE: string } | undefined;
  if (monitor)
    throw new OcppctlError(
      'DB_ERROR',
      `${shown}: VARIABLE_MONITORING row ${monitor.ID} (variable ${monitor.VID}) has VALUE ${safe(monitor.VALUE)}; a monitor needs a number; nothing was written`,
    );
}
