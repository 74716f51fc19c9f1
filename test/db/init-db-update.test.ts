import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { twoEvseCopy } from '../support/port-b-trees.js';
import { exactTables } from './device-model-rows.js';

const RESOURCES = join(REFERENCE, 'libocpp-tests/resources/component_config');
const CHANGED = join(REFERENCE, 'libocpp-tests/resources_changed/component_config');

interface Where {
  component: string;
  evse?: number;
  connector?: number;
  variable?: string;
}

// Reads one station database the way a test asks about it: by component key, variable name and attribute type
class Station {
  private readonly db: Database.Database;
  constructor(path: string) {
    this.db = new Database(path, { fileMustExist: true });
  }
  close() {
    this.db.close();
  }
  private variableId(w: Where): number | undefined {
    const row = this.db
      .prepare(
        'SELECT v.ID FROM VARIABLE v JOIN COMPONENT c ON v.COMPONENT_ID = c.ID WHERE c.NAME = ? AND c.EVSE_ID IS ? AND c.CONNECTOR_ID IS ? AND v.NAME = ?',
      )
      .get(w.component, w.evse ?? null, w.connector ?? null, w.variable) as { ID: number } | undefined;
    return row?.ID;
  }
  component(w: Where): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM COMPONENT WHERE NAME = ? AND EVSE_ID IS ? AND CONNECTOR_ID IS ?')
        .get(w.component, w.evse ?? null, w.connector ?? null) !== undefined
    );
  }
  variable(w: Where): boolean {
    return this.variableId(w) !== undefined;
  }
  attribute(w: Where, type: number): { MUTABILITY_ID: number | null; VALUE: string | null; VALUE_SOURCE: string | null } | undefined {
    return this.db
      .prepare('SELECT MUTABILITY_ID, "VALUE", VALUE_SOURCE FROM VARIABLE_ATTRIBUTE WHERE VARIABLE_ID = ? AND TYPE_ID IS ?')
      .get(this.variableId(w), type) as never;
  }
  characteristics(w: Where): {
    DATATYPE_ID: number;
    UNIT: string | null;
    MAX_LIMIT: number | null;
    MIN_LIMIT: number | null;
    SUPPORTS_MONITORING: number;
  } {
    return this.db.prepare('SELECT * FROM VARIABLE_CHARACTERISTICS WHERE VARIABLE_ID = ?').get(this.variableId(w)) as never;
  }
  monitors(w: Where): { TYPE_ID: number; SEVERITY: number; VALUE: number; CONFIG_TYPE_ID: number }[] {
    return this.db.prepare('SELECT * FROM VARIABLE_MONITORING WHERE VARIABLE_ID = ? ORDER BY ID').all(this.variableId(w)) as never;
  }
  setSource(w: Where, type: number, source: string, value?: string) {
    this.db
      .prepare('UPDATE VARIABLE_ATTRIBUTE SET VALUE_SOURCE = ?, "VALUE" = COALESCE(?, "VALUE") WHERE VARIABLE_ID = ? AND TYPE_ID = ?')
      .run(source, value ?? null, this.variableId(w), type);
  }
}

const ACTUAL = 0;
const TARGET = 1;
const MAXSET = 3;

// A station database built from `config` (default: libocpp's test config), in a temp folder removed afterwards
async function withStation(fn: (dir: string, db: string) => Promise<void>, config: (dir: string) => string = () => RESOURCES) {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-update-'));
  try {
    const db = join(dir, 'station.db');
    const r = await runCli(['init-db', '--config', config(dir), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    await fn(dir, db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function editJson(path: string, edit: (j: Record<string, any>) => void) {
  const j = JSON.parse(readFileSync(path, 'utf8'));
  edit(j);
  writeFileSync(path, JSON.stringify(j, null, 2));
}

// The project's shipped config with two EVSEs, copied to <dir>/cc: the tests below that need nothing of libocpp's
// own test configs build from it, so they run without ../shared
const shippedStation = (dir: string) => twoEvseCopy(join(dir, 'cc'));

test("an update with an edited copy of the shipped config applies libocpp's update rules, and --plan says so first", async () => {
  await withStation(async (dir, db) => {
    const config = join(dir, 'cc');
    // the station (not the config) set this value
    let s = new Station(db);
    const connector11 = { component: 'Connector', evse: 1, connector: 1 };
    s.setSource({ ...connector11, variable: 'Available' }, ACTUAL, 'csms');
    s.close();
    editJson(join(config, 'custom/Connector_1_1.json'), (j) => {
      j.properties.Enabled = { ...j.properties.Available, variable_name: 'Enabled' };
      j.properties.Available.attributes[0].value = 'false';
      j.properties.ConnectorType.attributes[0].mutability = 'ReadWrite';
    });
    editJson(join(config, 'custom/EVSE_1.json'), (j) => {
      delete j.properties.SupplyPhases;
      j.properties.Power.characteristics.unit = 'kW';
      j.properties.Available.attributes[0].value = 'false';
    });
    editJson(join(config, 'custom/EVSE_2.json'), (j) => {
      j.evse_id = 3;
    });
    rmSync(join(config, 'custom/Connector_2_1.json'));
    const before = readFileSync(db);
    const plan = await runCli(['init-db', '--config', config, '--db', db, '--plan', '--format', 'json']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.deepEqual(readFileSync(db), before);
    type Entry = Record<string, unknown>;
    const out = JSON.parse(plan.stdout) as { status: string; fresh: boolean; changes: Entry[]; kept: Entry[] };
    assert.equal(out.status, 'planned');
    assert.equal(out.fresh, false);
    const findIn = (list: Entry[], c: Entry) => list.find((e) => Object.entries(c).every(([k, v]) => e[k] === v));
    assert.ok(findIn(out.changes, { action: 'add', component: 'EVSE (evse 3)', what: 'component' }));
    assert.ok(findIn(out.changes, { action: 'remove', component: 'EVSE (evse 1)', variable: 'SupplyPhases', what: 'variable' }));
    assert.ok(findIn(out.changes, { action: 'update', component: 'EVSE (evse 1)', variable: 'Power', what: 'unit', from: 'W', to: 'kW' }));
    assert.ok(findIn(out.kept, { action: 'keep', component: 'Connector (evse 2, connector 1)', what: 'component' }));
    assert.deepEqual(findIn(out.kept, { action: 'keep', component: 'Connector (evse 1, connector 1)', variable: 'Available' }), {
      action: 'keep',
      component: 'Connector (evse 1, connector 1)',
      variable: 'Available',
      what: 'Actual value',
      value: 'true',
      configValue: 'false',
      reason: 'set by "csms", not by the config',
    });

    const r = await runCli(['init-db', '--config', config, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    s = new Station(db);
    try {
      // new variable, new component; a variable that left its file is removed, a component whose file is gone is kept
      assert.ok(s.variable({ ...connector11, variable: 'Enabled' }));
      assert.ok(s.component({ component: 'EVSE', evse: 3 }));
      assert.ok(!s.variable({ component: 'EVSE', evse: 1, variable: 'SupplyPhases' }));
      assert.ok(s.component({ component: 'Connector', evse: 2, connector: 1 }));
      assert.ok(s.variable({ component: 'Connector', evse: 2, connector: 1, variable: 'ConnectorType' }));
      // mutability and characteristics follow the files
      assert.equal(s.attribute({ ...connector11, variable: 'ConnectorType' }, ACTUAL)?.MUTABILITY_ID, 2);
      assert.equal(s.characteristics({ component: 'EVSE', evse: 1, variable: 'Power' }).UNIT, 'kW');
      // values: a config-set value follows the file, a station-set one stays
      assert.equal(s.attribute({ component: 'EVSE', evse: 1, variable: 'Available' }, ACTUAL)?.VALUE, 'false');
      assert.deepEqual(s.attribute({ ...connector11, variable: 'Available' }, ACTUAL), {
        MUTABILITY_ID: 0,
        VALUE: 'true',
        VALUE_SOURCE: 'csms',
      });
    } finally {
      s.close();
    }
    assert.match(
      r.stdout,
      /= component Connector \(evse 2, connector 1\) \(no component file has it any more; libocpp keeps it in the database\)/,
    );
    assert.match(r.stdout, /= Actual value "true" kept \(the config says "false"; set by "csms", not by the config\)/);
  }, shippedStation);
});

test("an update with libocpp's changed test config applies libocpp's update rules", needsReference, async () => {
  await withStation(async (_dir, db) => {
    let s = new Station(db);
    const connector11 = { component: 'Connector', evse: 1, connector: 1 };
    // the station (not the config) set this value
    s.setSource({ ...connector11, variable: 'Available' }, ACTUAL, 'test');
    s.close();

    const r = await runCli(['init-db', '--config', CHANGED, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    s = new Station(db);
    try {
      // new variable, new components
      assert.ok(s.variable({ ...connector11, variable: 'Enabled' }));
      assert.ok(s.component({ component: 'EVSE', evse: 3 }));
      assert.ok(s.component({ component: 'Connector', evse: 2, connector: 2 }));
      // variables that left a file are removed; a component whose file is gone is kept
      assert.ok(!s.variable({ component: 'EVSE', evse: 1, variable: 'ISO15118EvseId' }));
      assert.ok(!s.variable({ component: 'UnitTestCtrlr', evse: 2, connector: 3, variable: 'UnitTestPropertyCName' }));
      assert.ok(s.component({ component: 'Connector', evse: 2, connector: 1 }));
      assert.ok(s.variable({ component: 'Connector', evse: 2, connector: 1, variable: 'ConnectorType' }));
      // mutability, attribute type and characteristics follow the files
      assert.equal(s.attribute({ ...connector11, variable: 'ChargeProtocol' }, ACTUAL)?.MUTABILITY_ID, 1);
      assert.ok(s.attribute({ ...connector11, variable: 'SupplyPhases' }, TARGET));
      assert.equal(s.attribute({ ...connector11, variable: 'SupplyPhases' }, ACTUAL), undefined);
      assert.equal(s.characteristics({ ...connector11, variable: 'ConnectorType' }).DATATYPE_ID, 2);
      assert.equal(s.characteristics({ component: 'EVSE', evse: 1, variable: 'Power' }).UNIT, 'kW');
      assert.equal(s.characteristics({ component: 'EVSE', evse: 2, variable: 'AvailabilityState' }).SUPPORTS_MONITORING, 0);
      assert.equal(s.attribute({ component: 'EVSE', evse: 2, variable: 'Power' }, ACTUAL), undefined);
      assert.ok(s.attribute({ component: 'EVSE', evse: 1, variable: 'Power' }, TARGET));
      // values: a config-set value follows the file, a station-set one stays
      assert.deepEqual(s.attribute({ ...connector11, variable: 'Available' }, ACTUAL), {
        MUTABILITY_ID: 0,
        VALUE: 'false',
        VALUE_SOURCE: 'test',
      });
      assert.equal(s.attribute({ component: 'EVSE', evse: 2, variable: 'Available' }, ACTUAL)?.VALUE, 'false');
      assert.equal(s.attribute({ component: 'EVSE', evse: 1, variable: 'SupplyPhases' }, ACTUAL)?.VALUE, '2');
      assert.equal(s.attribute({ component: 'EVSE', evse: 1, variable: 'Power' }, ACTUAL)?.VALUE, '0');
      assert.equal(s.attribute({ component: 'EVSE', evse: 1, variable: 'Power' }, MAXSET)?.VALUE, '44000');
    } finally {
      s.close();
    }
    // and the run said so
    assert.match(
      r.stdout,
      /= component Connector \(evse 2, connector 1\) \(no component file has it any more; libocpp keeps it in the database\)/,
    );
    assert.match(r.stdout, /= Actual value "false" kept \(the config says "true"; set by "test", not by the config\)/);
  });
});

test('--plan reports per component and variable and writes nothing', needsReference, async () => {
  await withStation(async (_dir, db) => {
    const s = new Station(db);
    s.setSource({ component: 'Connector', evse: 1, connector: 1, variable: 'Available' }, ACTUAL, 'csms');
    s.close();
    const before = readFileSync(db);
    const r = await runCli(['init-db', '--config', CHANGED, '--db', db, '--plan', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readFileSync(db), before);
    type Entry = Record<string, unknown>;
    const out = JSON.parse(r.stdout) as {
      status: string;
      fresh: boolean;
      summary: Record<string, number>;
      changes: Entry[];
      kept: Entry[];
    };
    assert.equal(out.status, 'planned');
    assert.equal(out.fresh, false);
    const findIn = (list: Entry[], c: Entry) => list.find((e) => Object.entries(c).every(([k, v]) => e[k] === v));
    const find = (c: Entry) => findIn(out.changes, c);
    assert.ok(find({ action: 'add', component: 'EVSE (evse 3)', what: 'component' }));
    assert.ok(find({ action: 'remove', component: 'EVSE (evse 1)', variable: 'ISO15118EvseId', what: 'variable' }));
    // what the station keeps is listed apart, as the value that stays and the config's value that does not win
    assert.ok(findIn(out.kept, { action: 'keep', component: 'Connector (evse 2, connector 1)', what: 'component' }));
    const kept = findIn(out.kept, {
      action: 'keep',
      component: 'Connector (evse 1, connector 1)',
      variable: 'Available',
      what: 'Actual value',
    });
    assert.deepEqual(kept, {
      action: 'keep',
      component: 'Connector (evse 1, connector 1)',
      variable: 'Available',
      what: 'Actual value',
      value: 'false',
      configValue: 'true',
      reason: 'set by "csms", not by the config',
    });
    // values are JSON values, not JSON texts inside strings
    assert.ok(find({ action: 'update', component: 'EVSE (evse 1)', variable: 'Power', what: 'unit', from: 'W', to: 'kW' }));
    assert.ok(find({ action: 'update', component: 'EVSE (evse 1)', variable: 'SupplyPhases', what: 'Actual value', from: '6', to: '2' }));
    assert.ok(!out.changes.some((e) => e.action === 'keep'));
    assert.ok(
      ![...out.changes, ...out.kept].some((e) =>
        [e.from, e.to, e.value, e.configValue].some((v) => typeof v === 'string' && /^".*"$/.test(v)),
      ),
    );
    assert.equal(out.summary.keep, out.kept.length);

    const text = await runCli(['init-db', '--config', CHANGED, '--db', db, '--plan']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^would update .*station\.db$/m);
    assert.match(text.stdout, /^ {2}~ component EVSE \(evse 1\)\n(.*\n)*? {6}- variable ISO15118EvseId/m);
    assert.match(text.stdout, /kept as the station has them$/m);
    // a kept value reads as kept, never as a change to the config's value
    assert.match(text.stdout, /^ {10}= Actual value "false" kept \(the config says "true"; set by "csms", not by the config\)$/m);
    assert.doesNotMatch(text.stdout, /→ .* stays/);
    assert.deepEqual(readFileSync(db), before);
  });
});

test('a stored limit stays (libocpp COALESCE), a missing one is filled in; monitors follow the file', async () => {
  await withStation(async (dir, db) => {
    const config = join(dir, 'cc');
    const evse1 = join(config, 'custom/EVSE_1.json');
    editJson(evse1, (j) => {
      j.properties.Power.characteristics.maxLimit = 5000;
      j.properties.Power.characteristics.minLimit = 0.1;
      j.properties.Power.monitors = [
        { config_type: 'PreconfiguredMonitor', severity: 5, type: 'UpperThreshold', value: 20000 },
        { config_type: 'HardWiredMonitor', severity: 2, type: 'Delta', value: 100, reference_value: '0' },
      ];
    });
    let r = await runCli(['init-db', '--config', config, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    let s = new Station(db);
    const power = { component: 'EVSE', evse: 1, variable: 'Power' };
    assert.equal(s.characteristics(power).MAX_LIMIT, 11000);
    assert.equal(s.characteristics(power).MIN_LIMIT, Math.fround(0.1));
    assert.deepEqual(
      s.monitors(power).map((m) => [m.TYPE_ID, m.SEVERITY, m.VALUE, m.CONFIG_TYPE_ID]),
      [
        [0, 5, 20000, 1],
        [2, 2, 100, 0],
      ],
    );
    s.close();
    assert.match(r.stdout, /= maxLimit 11000 kept \(the config says 5000; libocpp never replaces a stored limit/);

    editJson(evse1, (j) => {
      j.properties.Power.monitors = [{ config_type: 'PreconfiguredMonitor', severity: 5, type: 'UpperThreshold', value: 21000 }];
    });
    r = await runCli(['init-db', '--config', config, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    s = new Station(db);
    assert.deepEqual(
      s.monitors(power).map((m) => [m.TYPE_ID, m.SEVERITY, m.VALUE]),
      [[0, 5, 21000]],
    );
    s.close();
  }, shippedStation);
});

test('a CustomMonitor in the config is not inserted again on every run (libocpp duplicates it)', async () => {
  await withStation(async (dir, db) => {
    const config = join(dir, 'cc');
    editJson(join(config, 'custom/EVSE_1.json'), (j) => {
      j.properties.Power.monitors = [{ config_type: 'CustomMonitor', severity: 3, type: 'LowerThreshold', value: 1 }];
    });
    for (let i = 0; i < 3; i++) assert.equal((await runCli(['init-db', '--config', config, '--db', db])).code, 0);
    const s = new Station(db);
    assert.equal(s.monitors({ component: 'EVSE', evse: 1, variable: 'Power' }).length, 1);
    s.close();
  }, shippedStation);
});

test('a database at user_version 2 is migrated to 3 in the same run', async () => {
  await withStation(async (dir, db) => {
    const conn = new Database(db);
    conn.exec('ALTER TABLE VARIABLE ADD COLUMN REQUIRED INTEGER DEFAULT FALSE');
    conn.pragma('user_version = 2');
    conn.close();
    const r = await runCli(['init-db', '--config', join(dir, 'cc'), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const tables = exactTables(db);
    assert.deepEqual(tables.user_version, [3]);
    assert.ok(!JSON.stringify(tables.schema).includes('REQUIRED'));
  }, shippedStation);
});
