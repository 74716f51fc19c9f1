import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planUpdate } from '../../src/db/update-plan.js';
import type { DbComponent, DbState, DbVariable } from '../../src/db/db-state.js';
import type { DmComponent, DmVariable } from '../../src/db/libocpp-config.js';
import { keyString } from '../../src/db/libocpp-config.js';
import { planEntriesForJson, renderPlan } from '../../src/db/plan-text.js';

// planUpdate is pure: a database state and a config in, steps and a report out

const configVar = (over: Partial<DmVariable> = {}): DmVariable => ({
  name: 'HeartbeatInterval',
  characteristics: { dataType: 2, supportsMonitoring: true, maxLimit: 100 },
  attributes: [{ type: 0, mutability: 2, value: '60' }],
  monitors: [],
  ...over,
});

const dbVar = (over: Partial<DbVariable> = {}): DbVariable => ({
  id: 7,
  name: 'HeartbeatInterval',
  characteristicsId: 7,
  dataType: 2,
  supportsMonitoring: true,
  maxLimit: 100,
  attributes: [{ id: 9, type: 0, mutability: 2, persistent: true, constant: false, value: '60', valueSource: 'default' }],
  monitors: [],
  customMonitors: [],
  ...over,
});

function state(...components: DbComponent[]): DbState {
  return { userVersion: 3, components, byKey: new Map(components.map((c) => [keyString(c.key), c])) };
}

const comm = (variables: DmVariable[]): DmComponent => ({ key: { name: 'OCPPCommCtrlr' }, variables });
const dbComm = (variables: DbVariable[], id = 1): DbComponent => ({ id, key: { name: 'OCPPCommCtrlr' }, variables });
const noLegacy = { legacyCtrlr: false };

test('an identical database plans nothing', () => {
  const plan = planUpdate(state(dbComm([dbVar()])), [comm([configVar()])], noLegacy);
  assert.deepEqual(plan.entries, []);
  assert.deepEqual(plan.steps, []);
});

test('a config value replaces a value the config set, and stays under a value the station set', () => {
  const changed = [comm([configVar({ attributes: [{ type: 0, mutability: 2, value: '30' }] })])];
  const byConfig = planUpdate(state(dbComm([dbVar()])), changed, noLegacy);
  assert.deepEqual(
    byConfig.entries.map((e) => [e.action, e.what, e.from, e.to]),
    [['update', 'Actual value', '"60"', '"30"']],
  );
  const station = dbVar({ attributes: [{ id: 9, type: 0, mutability: 2, value: '45', valueSource: 'csms' }] });
  const byStation = planUpdate(state(dbComm([station])), changed, noLegacy);
  assert.deepEqual(
    byStation.entries.map((e) => [e.action, e.what, e.reason]),
    [['keep', 'Actual value', 'set by "csms", not by the config']],
  );
  assert.equal(byStation.summary.keep, 1);
});

test('a stored limit is kept and a missing one is filled in, as COALESCE does', () => {
  const config = [comm([configVar({ characteristics: { dataType: 2, supportsMonitoring: true, maxLimit: 200, minLimit: 1 } })])];
  const plan = planUpdate(state(dbComm([dbVar()])), config, noLegacy);
  assert.deepEqual(
    plan.entries.map((e) => [e.action, e.what]),
    [
      ['update', 'minLimit'],
      ['keep', 'maxLimit'],
    ],
  );
});

test('a variable that left the file is removed, a new one added; a component without file is kept', () => {
  const other: DbComponent = { id: 2, key: { name: 'Gone', evseId: 1 }, variables: [] };
  const plan = planUpdate(state(dbComm([dbVar({ name: 'Old' })]), other), [comm([configVar()])], noLegacy);
  assert.deepEqual(
    plan.entries.map((e) => [e.action, e.component, e.variable, e.what]),
    [
      ['remove', 'OCPPCommCtrlr', 'Old', 'variable'],
      ['add', 'OCPPCommCtrlr', 'HeartbeatInterval', 'variable'],
      ['keep', 'Gone (evse 1)', undefined, 'component'],
    ],
  );
  // libocpp's order: deletes of the component first, then the config's variables
  const step = plan.steps[0];
  assert.ok(step.op === 'update');
  assert.deepEqual(
    step.variables.map((v) => v.op),
    ['delete', 'insert'],
  );
});

test('monitors are matched by type and severity; a station-set CustomMonitor is neither removed nor duplicated', () => {
  const custom = { id: 3, configType: 2, type: 1, severity: 4, transaction: false, value: 5 };
  const hard = { id: 4, configType: 0, type: 0, severity: 2, transaction: false, value: 90 };
  const config = [
    comm([
      configVar({
        monitors: [
          { configType: 0, type: 0, severity: 2, transaction: false, value: 95 },
          { configType: 2, type: 1, severity: 4, transaction: false, value: 5 },
        ],
      }),
    ]),
  ];
  const plan = planUpdate(state(dbComm([dbVar({ monitors: [hard], customMonitors: [custom] })])), config, noLegacy);
  assert.deepEqual(
    plan.entries.map((e) => [e.action, e.what]),
    [['update', 'monitor UpperThreshold severity 2']],
  );
});

test("libocpp's built-in OCPP16LegacyCtrlr is planned for a new database and removed with the fallback off", () => {
  const fresh = planUpdate({ userVersion: 0, components: [], byKey: new Map() }, [comm([configVar()])]);
  assert.ok(fresh.fresh);
  assert.deepEqual(
    fresh.steps.map((s) => (s.op === 'insert' ? s.component.key.name : s.op)),
    ['OCPP16LegacyCtrlr', 'OCPPCommCtrlr'],
  );
  const legacy: DbComponent = { id: 5, key: { name: 'OCPP16LegacyCtrlr' }, variables: [] };
  const off = planUpdate(state(dbComm([dbVar()]), legacy), [comm([configVar()])], noLegacy);
  assert.deepEqual(
    off.entries.map((e) => [e.action, e.component]),
    [['remove', 'OCPP16LegacyCtrlr']],
  );
});

test('the JSON plan carries values as JSON values, and what the station keeps as value and configValue', () => {
  const changed = [
    comm([
      configVar({
        characteristics: { dataType: 2, supportsMonitoring: false, maxLimit: 200, unit: 's' },
        attributes: [{ type: 0, mutability: 2, value: '30' }],
      }),
    ]),
  ];
  const byConfig = planEntriesForJson(planUpdate(state(dbComm([dbVar()])), changed, noLegacy));
  const find = (what: string) => byConfig.find((e) => e.what === what);
  assert.deepEqual(find('Actual value'), {
    action: 'update',
    component: 'OCPPCommCtrlr',
    variable: 'HeartbeatInterval',
    what: 'Actual value',
    from: '60',
    to: '30',
  });
  assert.deepEqual(find('supportsMonitoring'), {
    action: 'update',
    component: 'OCPPCommCtrlr',
    variable: 'HeartbeatInterval',
    what: 'supportsMonitoring',
    from: true,
    to: false,
  });
  assert.deepEqual(find('unit'), {
    action: 'update',
    component: 'OCPPCommCtrlr',
    variable: 'HeartbeatInterval',
    what: 'unit',
    from: null,
    to: 's',
  });
  const maxLimit = find('maxLimit');
  assert.deepEqual(maxLimit, {
    action: 'keep',
    component: 'OCPPCommCtrlr',
    variable: 'HeartbeatInterval',
    what: 'maxLimit',
    value: 100,
    configValue: 200,
    reason: 'libocpp never replaces a stored limit: COALESCE in its update',
  });

  const station = dbVar({ attributes: [{ id: 9, type: 0, mutability: 2, value: '45', valueSource: 'csms' }] });
  const [kept] = planEntriesForJson(
    planUpdate(state(dbComm([station])), [comm([configVar({ attributes: [{ type: 0, mutability: 2, value: '30' }] })])], noLegacy),
  );
  assert.deepEqual(kept, {
    action: 'keep',
    component: 'OCPPCommCtrlr',
    variable: 'HeartbeatInterval',
    what: 'Actual value',
    value: '45',
    configValue: '30',
    reason: 'set by "csms", not by the config',
  });
});

test('the stylish plan shows a kept value as kept, not as a change', () => {
  const station = dbVar({ attributes: [{ id: 9, type: 0, mutability: 2, value: '45', valueSource: 'csms' }] });
  const plan = planUpdate(
    state(dbComm([station, dbVar({ id: 8, name: 'Other', characteristicsId: 8 })])),
    [comm([configVar({ attributes: [{ type: 0, mutability: 2, value: '30' }] })])],
    noLegacy,
  );
  const text = renderPlan(plan, 'would update dm.db', 'dm.db');
  assert.match(text, /^ {10}= Actual value "45" kept \(the config says "30"; set by "csms", not by the config\)$/m);
  assert.doesNotMatch(text, /"45" → "30"/);
});

test('a plan with nothing to do is one line; kept values are counted in it', () => {
  const same = planUpdate(state(dbComm([dbVar()])), [comm([configVar()])], noLegacy);
  assert.equal(renderPlan(same, 'would update dm.db', 'dm.db'), 'nothing to change: dm.db already holds what the config says');
  assert.deepEqual(planEntriesForJson(same), []);
  const station = dbVar({ attributes: [{ id: 9, type: 0, mutability: 2, value: '45', valueSource: 'csms' }] });
  const keptOnly = planUpdate(
    state(dbComm([station])),
    [comm([configVar({ attributes: [{ type: 0, mutability: 2, value: '30' }] })])],
    noLegacy,
  );
  assert.equal(
    renderPlan(keptOnly, 'updated dm.db', 'dm.db'),
    'nothing to change: dm.db already holds what the config says (1 kept as the station has them)',
  );
});
