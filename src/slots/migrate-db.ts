import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { DbComponent, DbVariable } from '../db/db-state.js';
import { DATA_TYPES, MUTABILITIES, SCHEMA_VERSION, upgradeSchema } from '../db/schema.js';
import {
  abandon,
  commitAndClose,
  environmentError,
  sqliteError,
  existingDbFile,
  openForReading,
  openLocked,
  readDeviceModel,
} from '../db/station-db.js';
import { storedText } from '../model/index.js';
import { decideMigration } from './migrate.js';
import type { MigrationDecision } from './migrate.js';
import { splitList } from '../model/slots/read.js';
import { stoi } from '../model/slots/stoi.js';

// libocpp's AttributeEnum::Actual, the TYPE_ID of the attribute every migration write goes to
const ACTUAL = 0;
// libocpp writes migrated values, the cleared blob and the rows of a created slot with this VALUE_SOURCE
const SOURCE = 'internal';
const TEMPLATE = new URL('../../../templates/NetworkConfiguration_N.json', import.meta.url);

const find = (components: DbComponent[], name: string, instance?: string) =>
  components.find(
    (c) => c.key.name === name && c.key.instance === instance && c.key.evseId === undefined && c.key.connectorId === undefined,
  );
const variable = (c: DbComponent | undefined, name: string) => c?.variables.find((v) => v.name === name && v.instance === undefined);
const actual = (v: DbVariable | undefined) => v?.attributes.find((a) => (a.type ?? ACTUAL) === ACTUAL);

/**
 * The migration on a device-model database, as libocpp runs it at start-up against that database. `apply`
 * writes every change in one transaction: a failure or a kill leaves the database as it was.
 */
export function planMigrateDb(db: Database, display: string): { decision: MigrationDecision; apply: () => void } {
  // the versions init-db accepts, and no others
  const state = readDeviceModel(db, display);
  const c = state.components;
  const internal = find(c, 'InternalCtrlr');
  const blobVar = variable(internal, 'NetworkConnectionProfiles');
  const priority = actual(variable(find(c, 'OCPPCommCtrlr'), 'NetworkConfigurationPriority'))?.value;
  const security = find(c, 'SecurityCtrlr');
  const slot = (n: number) => find(c, 'NetworkConfiguration', String(n));
  const decision = decideMigration({
    blob: blobVar ? { value: actual(blobVar)?.value, where: `${display} (InternalCtrlr.NetworkConnectionProfiles)` } : undefined,
    prioritySlots: splitList(priority ?? '').flatMap((t) => (stoi(t) === undefined ? [] : [stoi(t)!])),
    slotUrl: (n) => actual(variable(slot(n), 'OcppCsmsUrl'))?.value,
    slot: (n) => {
      const s = slot(n);
      return s && { file: `${display} (NetworkConfiguration ${n})`, has: (name: string) => actual(variable(s, name)) !== undefined };
    },
    newSlotFile: (n) => `${display} (NetworkConfiguration ${n})`,
    securityPassword: actual(variable(security, 'BasicAuthPassword'))?.value,
    securityIdentity: actual(variable(security, 'Identity'))?.value,
  });

  const apply = () => {
    const setValue = db.prepare(`UPDATE VARIABLE_ATTRIBUTE SET VALUE = ?, VALUE_SOURCE = '${SOURCE}' WHERE ID = ?`);
    db.transaction(() => {
      // libocpp migrates the schema at start-up before it migrates the blob; a slot it creates has VARIABLE.SOURCE
      if (state.userVersion < SCHEMA_VERSION) upgradeSchema(db, state.userVersion);
      for (const [n, values] of decision.writes) {
        const ids = slot(n) ? attributeIds(slot(n)!) : createSlot(db, n);
        for (const [name, value] of Object.entries(values)) setValue.run(storedText(value), ids.get(name)!);
      }
      if (decision.clearBlob) setValue.run('', actual(blobVar)!.id);
    })();
  };
  return { decision, apply };
}

export interface MigrateDbOptions {
  db: string;
  cwd: string;
  dryRun?: boolean;
  /** How long to wait for SQLite's lock (default LOCK_TIMEOUT_MS). */
  lockTimeoutMs?: number;
}

/**
 * migrate on a database file: read and changed under SQLite's exclusive lock, in one transaction, and refused
 * while another program (a running station) has the file open, as init-db refuses.
 */
export function migrateDb(opts: MigrateDbOptions): { decision: MigrationDecision; written: boolean; db: string } {
  const { path, display } = existingDbFile(opts.cwd, opts.db);
  try {
    if (opts.dryRun) {
      const db = openForReading(path, display);
      try {
        return { decision: planMigrateDb(db, display).decision, written: false, db: display };
      } finally {
        db.close();
      }
    }
    const db = openLocked(path, display, opts.lockTimeoutMs);
    try {
      const { decision, apply } = planMigrateDb(db, display);
      const written = decision.writes.size > 0 || decision.clearBlob;
      if (written) apply();
      commitAndClose(db);
      return { decision, written, db: display };
    } catch (err) {
      abandon(db);
      throw err;
    }
  } catch (err) {
    throw environmentError(err, path, display) ?? sqliteError(err, display) ?? err;
  }
}

function attributeIds(component: DbComponent): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of component.variables) {
    const a = actual(v);
    if (v.instance === undefined && a) out.set(v.name, a.id);
  }
  return out;
}

interface TemplateVariable {
  variable_name: string;
  characteristics: {
    dataType: string;
    supportsMonitoring: boolean;
    minLimit?: number;
    maxLimit?: number;
    unit?: string;
    valuesList?: string;
  };
  attributes: { type?: string; mutability?: string }[];
}

/**
 * Inserts a slot the way create_network_configuration_slot_from_default_schema does: every variable of the
 * slot schema with its characteristics, each attribute persistent, not constant, VALUE NULL, source internal.
 */
function createSlot(db: Database, n: number): Map<string, number> {
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { properties: Record<string, TemplateVariable> };
  const component = db
    .prepare("INSERT INTO COMPONENT (NAME, INSTANCE, EVSE_ID, CONNECTOR_ID) VALUES ('NetworkConfiguration', ?, NULL, NULL)")
    .run(String(n));
  const insertVariable = db.prepare('INSERT INTO VARIABLE (NAME, INSTANCE, COMPONENT_ID, SOURCE) VALUES (?, NULL, ?, NULL)');
  const insertCharacteristics = db.prepare(
    'INSERT INTO VARIABLE_CHARACTERISTICS (DATATYPE_ID, VARIABLE_ID, MAX_LIMIT, MIN_LIMIT, SUPPORTS_MONITORING, UNIT, VALUES_LIST) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAttribute = db.prepare(
    `INSERT INTO VARIABLE_ATTRIBUTE (VARIABLE_ID, MUTABILITY_ID, PERSISTENT, CONSTANT, TYPE_ID, VALUE_SOURCE, VALUE) VALUES (?, ?, 1, 0, ?, '${SOURCE}', NULL)`,
  );
  const ids = new Map<string, number>();
  for (const v of Object.values(template.properties)) {
    const vid = insertVariable.run(v.variable_name, component.lastInsertRowid).lastInsertRowid;
    const ch = v.characteristics;
    insertCharacteristics.run(
      DATA_TYPES.indexOf(ch.dataType as (typeof DATA_TYPES)[number]),
      vid,
      ch.maxLimit ?? null,
      ch.minLimit ?? null,
      ch.supportsMonitoring ? 1 : 0,
      ch.unit ?? null,
      ch.valuesList ?? null,
    );
    for (const a of v.attributes) {
      const aid = insertAttribute.run(
        vid,
        MUTABILITIES.indexOf((a.mutability ?? 'ReadWrite') as (typeof MUTABILITIES)[number]),
        ACTUAL,
      ).lastInsertRowid;
      ids.set(v.variable_name, Number(aid));
    }
  }
  return ids;
}
