import type { Database } from 'better-sqlite3';

// libocpp's device-model migrations end at user_version 3 (1 initial, 2 adds VARIABLE.SOURCE, 3 drops
// VARIABLE.REQUIRED); a newer file was written by a newer libocpp and its layout is unknown to us.
export const SCHEMA_VERSION = 3;

// The tables exactly as libocpp's migrated database stores them in sqlite_master, so that a schema dump
// of our file equals libocpp's (the missing comma in VARIABLE_CHARACTERISTICS is SQLite-legal and libocpp's).
const TABLES = [
  'CREATE TABLE MUTABILITY (ID INT PRIMARY KEY, MUTABILITY TEXT)',
  'CREATE TABLE DATATYPE (ID INT PRIMARY KEY, DATATYPE TEXT)',
  'CREATE TABLE MONITOR (ID INTEGER PRIMARY KEY, "TYPE" TEXT)',
  'CREATE TABLE MONITOR_CONFIG_TYPE (ID INTEGER PRIMARY KEY, "TYPE" TEXT)',
  'CREATE TABLE SEVERITY(ID INTEGER PRIMARY KEY, SEVERITY TEXT)',
  `CREATE TABLE VARIABLE_ATTRIBUTE_TYPE (
  ID INTEGER PRIMARY KEY AUTOINCREMENT,
  "TYPE" TEXT
)`,
  `CREATE TABLE COMPONENT (
  ID INTEGER PRIMARY KEY AUTOINCREMENT,
  NAME TEXT,
  INSTANCE TEXT,
  EVSE_ID INTEGER,
  CONNECTOR_ID INTEGER
)`,
  `CREATE TABLE VARIABLE_ATTRIBUTE (
  ID INTEGER PRIMARY KEY AUTOINCREMENT,
  VARIABLE_ID INTEGER NOT NULL,
  MUTABILITY_ID INTEGER,
  PERSISTENT INTEGER,
  CONSTANT INTEGER,
  TYPE_ID INTEGER,
  VALUE_SOURCE TEXT,
  "VALUE" TEXT,
  FOREIGN KEY (VARIABLE_ID) REFERENCES VARIABLE (ID) ON DELETE CASCADE,
  FOREIGN KEY (TYPE_ID) REFERENCES VARIABLE_ATTRIBUTE_TYPE (ID) ON DELETE RESTRICT,
  FOREIGN KEY (MUTABILITY_ID) REFERENCES MUTABILITY (ID) ON DELETE RESTRICT
)`,
  `CREATE TABLE VARIABLE_CHARACTERISTICS (
  ID INTEGER PRIMARY KEY AUTOINCREMENT,
  DATATYPE_ID INTEGER NOT NULL,
  VARIABLE_ID INTEGER NOT NULL,
  MAX_LIMIT REAL,
  MIN_LIMIT REAL,
  SUPPORTS_MONITORING INTEGER,
  UNIT TEXT,
  VALUES_LIST TEXT,
  FOREIGN KEY (DATATYPE_ID) REFERENCES DATATYPE (ID) ON DELETE RESTRICT
  FOREIGN KEY (VARIABLE_ID) REFERENCES VARIABLE (ID) ON DELETE CASCADE
)`,
  `CREATE TABLE VARIABLE_MONITORING (
  ID INTEGER PRIMARY KEY AUTOINCREMENT,
  VARIABLE_ID INTEGER NOT NULL,
  SEVERITY INTEGER,
  "TRANSACTION" INTEGER,
  TYPE_ID INTEGER NOT NULL,
  CONFIG_TYPE_ID INTEGER,
  "VALUE" DECIMAL,
  REFERENCE_VALUE TEXT,
  FOREIGN KEY (VARIABLE_ID) REFERENCES VARIABLE (ID) ON DELETE CASCADE,
  FOREIGN KEY (TYPE_ID) REFERENCES MONITOR (ID) ON DELETE RESTRICT,
  FOREIGN KEY (CONFIG_TYPE_ID) REFERENCES MONITOR_CONFIG_TYPE(ID) ON DELETE RESTRICT
)`,
  `CREATE TABLE VARIABLE (
  ID INTEGER PRIMARY KEY AUTOINCREMENT,
  NAME TEXT,
  INSTANCE TEXT,
  COMPONENT_ID INTEGER NOT NULL,
  SOURCE TEXT,
  FOREIGN KEY (COMPONENT_ID) REFERENCES COMPONENT (ID) ON DELETE CASCADE
)`,
];

// Enum tables: the row id is the C++ enum value libocpp binds (DataEnum, MutabilityEnum, MonitorEnum, ...).
export const MUTABILITIES = ['ReadOnly', 'WriteOnly', 'ReadWrite'] as const;
export const DATA_TYPES = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'] as const;
// MonitorEnum also has TargetDelta (5) and TargetDeltaRelative (6); the MONITOR table lacks them, so the
// foreign key makes libocpp's insert of such a monitor fail
export const MONITOR_TYPES = [
  'UpperThreshold',
  'LowerThreshold',
  'Delta',
  'Periodic',
  'PeriodicClockAligned',
  'TargetDelta',
  'TargetDeltaRelative',
] as const;
export const MONITOR_TYPES_IN_DB = 5;
export const MONITOR_CONFIG_TYPES = ['HardWiredMonitor', 'PreconfiguredMonitor', 'CustomMonitor'] as const;
export const SEVERITIES = [
  'Danger',
  'HardwareFailure',
  'SystemFailure',
  'Critical',
  'Error',
  'Alert',
  'Warning',
  'Notice',
  'Informational',
  'Debug',
] as const;
export const ATTRIBUTE_TYPES = ['Actual', 'Target', 'MinSet', 'MaxSet'] as const;

const ENUM_TABLES: [string, readonly string[]][] = [
  ['MUTABILITY', MUTABILITIES],
  ['DATATYPE', DATA_TYPES],
  ['MONITOR', MONITOR_TYPES.slice(0, MONITOR_TYPES_IN_DB)],
  ['MONITOR_CONFIG_TYPE', MONITOR_CONFIG_TYPES],
  ['SEVERITY', SEVERITIES],
  ['VARIABLE_ATTRIBUTE_TYPE', ATTRIBUTE_TYPES],
];

/** Creates libocpp's schema at user_version 3 in an empty database. */
export function createSchema(db: Database): void {
  for (const sql of TABLES) db.exec(sql);
  insertEnumRows(db);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

function insertEnumRows(db: Database) {
  for (const [table, names] of ENUM_TABLES) {
    const insert = db.prepare(`INSERT OR REPLACE INTO ${table} VALUES (?, ?)`);
    names.forEach((name, id) => insert.run(id, name));
  }
}

/**
 * Brings a database written by an older libocpp to version 3 the way its migrations do: version 2 adds
 * VARIABLE.SOURCE, version 3 drops VARIABLE.REQUIRED. The enum rows stay: re-inserting them with INSERT OR
 * REPLACE would delete rows that attributes point at, which the foreign keys forbid.
 */
export function upgradeSchema(db: Database, from: number): void {
  if (from < 2) db.exec('ALTER TABLE VARIABLE ADD COLUMN SOURCE TEXT');
  if (from < 3) {
    const columns = db.prepare('PRAGMA table_info(VARIABLE)').all() as { name: string }[];
    if (columns.some((c) => c.name === 'REQUIRED')) db.exec('ALTER TABLE VARIABLE DROP COLUMN REQUIRED');
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
