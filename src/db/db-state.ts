import type { Database } from 'better-sqlite3';
import type { DmCharacteristics, DmKey, DmMonitor } from './libocpp-config.js';
import { keyString } from './libocpp-config.js';

export interface DbAttribute {
  id: number;
  type?: number;
  mutability?: number;
  persistent?: boolean;
  constant?: boolean;
  value?: string;
  valueSource?: string;
}

/** A monitor row: the config's monitor plus its database id. */
export interface DbMonitor extends DmMonitor {
  id: number;
}

/** A variable row with its characteristics row (the same fields as in the config). */
export interface DbVariable extends DmCharacteristics {
  id: number;
  name: string;
  instance?: string;
  source?: string;
  characteristicsId?: number;
  attributes: DbAttribute[];
  /** Monitors from the config (hard-wired and preconfigured), which libocpp keeps in step with the files. */
  monitors: DbMonitor[];
  /** Monitors a CSMS set at run time; libocpp never touches them. */
  customMonitors: DbMonitor[];
}

export interface DbComponent {
  id: number;
  key: DmKey;
  variables: DbVariable[];
}

export interface DbState {
  userVersion: number;
  /** In ID order; keyed by keyString for lookups. */
  components: DbComponent[];
  byKey: Map<string, DbComponent>;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
// libocpp writes an empty instance as NULL; both mean "no instance"
const optText = (v: string | null): string | undefined => (v === null || v === '' ? undefined : v);

/**
 * Reads the device model as libocpp's get_all_components_from_db does, except that variables without
 * attributes or characteristics and components without variables are read too (libocpp's inner join
 * misses them, and then inserts them again on every boot).
 */
export function readDbState(db: Database): DbState {
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const components: DbComponent[] = [];
  const byId = new Map<number, DbComponent>();
  const byKey = new Map<string, DbComponent>();
  for (const row of db.prepare('SELECT ID, NAME, INSTANCE, EVSE_ID, CONNECTOR_ID FROM COMPONENT ORDER BY ID').all() as Record<
    string,
    never
  >[]) {
    const key: DmKey = { name: row.NAME ?? '' };
    const instance = optText(row.INSTANCE);
    if (instance !== undefined) key.instance = instance;
    if (row.EVSE_ID !== null) key.evseId = Number(row.EVSE_ID);
    if (row.CONNECTOR_ID !== null) key.connectorId = Number(row.CONNECTOR_ID);
    const c: DbComponent = { id: row.ID, key, variables: [] };
    components.push(c);
    byId.set(c.id, c);
    if (!byKey.has(keyString(key))) byKey.set(keyString(key), c);
  }
  const variables = new Map<number, DbVariable>();
  const hasSource = (db.prepare('PRAGMA table_info(VARIABLE)').all() as { name: string }[]).some((c) => c.name === 'SOURCE');
  const varSql = `SELECT ID, NAME, INSTANCE, COMPONENT_ID${hasSource ? ', SOURCE' : ''} FROM VARIABLE ORDER BY ID`;
  for (const row of db.prepare(varSql).all() as Record<string, never>[]) {
    const c = byId.get(row.COMPONENT_ID);
    if (!c) continue;
    const v: DbVariable = {
      id: row.ID,
      name: row.NAME ?? '',
      instance: optText(row.INSTANCE),
      source: hasSource ? opt(row.SOURCE) : undefined,
      dataType: 0,
      supportsMonitoring: false,
      attributes: [],
      monitors: [],
      customMonitors: [],
    };
    c.variables.push(v);
    variables.set(v.id, v);
  }
  for (const row of db
    .prepare(
      'SELECT ID, VARIABLE_ID, DATATYPE_ID, MAX_LIMIT, MIN_LIMIT, SUPPORTS_MONITORING, UNIT, VALUES_LIST FROM VARIABLE_CHARACTERISTICS ORDER BY ID',
    )
    .all() as Record<string, never>[]) {
    const v = variables.get(row.VARIABLE_ID);
    if (!v || v.characteristicsId !== undefined) continue;
    v.characteristicsId = row.ID;
    v.dataType = row.DATATYPE_ID;
    v.supportsMonitoring = row.SUPPORTS_MONITORING === 1;
    v.unit = opt(row.UNIT);
    v.valuesList = opt(row.VALUES_LIST);
    v.maxLimit = opt(row.MAX_LIMIT);
    v.minLimit = opt(row.MIN_LIMIT);
  }
  for (const row of db
    .prepare(
      'SELECT ID, VARIABLE_ID, MUTABILITY_ID, PERSISTENT, CONSTANT, TYPE_ID, "VALUE", VALUE_SOURCE FROM VARIABLE_ATTRIBUTE ORDER BY ID',
    )
    .all() as Record<string, never>[]) {
    const v = variables.get(row.VARIABLE_ID);
    if (!v) continue;
    v.attributes.push({
      id: row.ID,
      type: opt(row.TYPE_ID),
      mutability: opt(row.MUTABILITY_ID),
      persistent: row.PERSISTENT === null ? undefined : row.PERSISTENT === 1,
      constant: row.CONSTANT === null ? undefined : row.CONSTANT === 1,
      value: row.VALUE === null ? undefined : String(row.VALUE),
      valueSource: opt(row.VALUE_SOURCE),
    });
  }
  for (const row of db
    .prepare(
      'SELECT ID, VARIABLE_ID, SEVERITY, "TRANSACTION" AS TX, TYPE_ID, CONFIG_TYPE_ID, "VALUE", REFERENCE_VALUE FROM VARIABLE_MONITORING ORDER BY ID',
    )
    .all() as Record<string, never>[]) {
    const v = variables.get(row.VARIABLE_ID);
    if (!v) continue;
    const m: DbMonitor = {
      id: row.ID,
      configType: row.CONFIG_TYPE_ID ?? 0,
      type: row.TYPE_ID,
      severity: row.SEVERITY ?? 0,
      transaction: row.TX === 1,
      // libocpp reads the value back into a float
      value: Math.fround(Number(row.VALUE ?? 0)),
      referenceValue: opt(row.REFERENCE_VALUE),
    };
    (m.configType === 2 ? v.customMonitors : v.monitors).push(m);
  }
  return { userVersion, components, byKey };
}

export const emptyDbState = (): DbState => ({ userVersion: 0, components: [], byKey: new Map() });
