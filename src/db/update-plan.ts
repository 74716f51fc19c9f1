import type { DbAttribute, DbComponent, DbMonitor, DbState, DbVariable } from './db-state.js';
import type { DmAttribute, DmCharacteristics, DmComponent, DmKey, DmMonitor, DmVariable } from './libocpp-config.js';
import { compareKeys, describeDmKey, describeVariable, keyString } from './libocpp-config.js';
import { LEGACY_CTRLR, legacyCtrlr } from './legacy-ctrlr.js';
import { ATTRIBUTE_TYPES, DATA_TYPES, MONITOR_CONFIG_TYPES, MONITOR_TYPES, MUTABILITIES } from './schema.js';

// What libocpp's InitDeviceModelDb::initialize_database does to a database, computed without touching it:
// the steps to run (in libocpp's order, so new rows get the ids libocpp would give them) and a report.

export type AttributeStep =
  | { op: 'insert'; attribute: DmAttribute; value?: string }
  | { op: 'delete'; db: DbAttribute }
  | { op: 'update'; attribute: DmAttribute; db: DbAttribute; value?: string };

export type MonitorStep =
  { op: 'insert'; monitor: DmMonitor } | { op: 'delete'; db: DbMonitor } | { op: 'update'; monitor: DmMonitor; db: DbMonitor };

export type VariableStep =
  | { op: 'insert'; variable: DmVariable }
  | { op: 'delete'; db: DbVariable }
  | {
      op: 'update';
      variable: DmVariable;
      db: DbVariable;
      characteristics: boolean;
      attributes?: AttributeStep[];
      monitors?: MonitorStep[];
    };

export type ComponentStep =
  | { op: 'insert'; component: DmComponent }
  | { op: 'update'; component: DmComponent; db: DbComponent; variables: VariableStep[] }
  | { op: 'delete'; db: DbComponent };

export type Action = 'add' | 'remove' | 'update' | 'keep';

export interface PlanEntry {
  action: Action;
  component: string;
  variable?: string;
  /** "component", "variable", "Actual value", "maxLimit", "monitor Delta severity 5", ... */
  what: string;
  from?: string;
  to?: string;
  reason?: string;
}

export interface UpdatePlan {
  fresh: boolean;
  steps: ComponentStep[];
  entries: PlanEntry[];
  summary: Record<Action, number>;
}

export interface PlanOptions {
  /** Add libocpp's built-in OCPP16LegacyCtrlr when neither the config nor the database has one (default true). */
  legacyCtrlr?: boolean;
}

const sameVariable = (a: { name: string; instance?: string }, b: { name: string; instance?: string }) =>
  a.name === b.name && a.instance === b.instance;
// CiString compares case-insensitively, so libocpp sees "True" and "true" as the same value
const sameText = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined ? a === b : a.toLowerCase() === b.toLowerCase();

function characteristicsDiffer(c: DmCharacteristics, v: DbVariable): boolean {
  return (
    c.supportsMonitoring !== v.supportsMonitoring ||
    c.dataType !== v.dataType ||
    c.maxLimit !== v.maxLimit ||
    c.minLimit !== v.minLimit ||
    !sameText(c.unit, v.unit) ||
    !sameText(c.valuesList, v.valuesList)
  );
}

const attributeDiffers = (a: DmAttribute, b: DbAttribute) =>
  a.type !== b.type || a.mutability !== b.mutability || !sameText(a.value, b.value);

function sameAttributes(config: DmAttribute[], db: DbAttribute[]): boolean {
  return config.length === db.length && config.every((a) => db.some((b) => !attributeDiffers(a, b)));
}

// OCPP 2.0.1 3.77 "Duplicate": a monitor is identified by its type and severity
const duplicateMonitor = (a: { type: number; severity: number }, b: { type: number; severity: number }) =>
  a.type === b.type && a.severity === b.severity;
const FLT_EPSILON = 1.1920928955078125e-7;
const monitorDiffers = (a: DmMonitor | DbMonitor, b: DmMonitor | DbMonitor) =>
  a.configType !== b.configType ||
  a.referenceValue !== b.referenceValue ||
  Math.abs(a.value - b.value) > FLT_EPSILON ||
  a.severity !== b.severity ||
  a.transaction !== b.transaction ||
  a.type !== b.type;

const sameMonitors = (config: DmMonitor[], db: DbMonitor[]) =>
  config.length === db.length && config.every((a) => db.some((b) => !monitorDiffers(a, b)));

/** The value libocpp writes into an attribute: its own value, or for Actual the variable's default. */
export const valueToWrite = (a: DmAttribute, defaultValue: string | undefined) => a.value ?? (a.type === 0 ? defaultValue : undefined);

// insert_variable_attribute_value only overwrites a value nobody but the config set
const overwritable = (source: string | undefined) => source === undefined || source === '' || source === 'default';

const attributeName = (type: number | undefined) => (type === undefined ? 'untyped attribute' : ATTRIBUTE_TYPES[type]);
const monitorName = (m: { type: number; severity: number }) => `monitor ${MONITOR_TYPES[m.type]} severity ${m.severity}`;
const show = (v: string | number | boolean | undefined) =>
  v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : String(v);

/** Plans the run of libocpp's initializer on a database in `state` (empty for a new file). */
export function planUpdate(state: DbState, config: DmComponent[], opts: PlanOptions = {}): UpdatePlan {
  const inject = opts.legacyCtrlr ?? true;
  const fresh = state.components.length === 0 && state.userVersion === 0;
  const entries: PlanEntry[] = [];
  const steps: ComponentStep[] = [];
  const configHasLegacy = config.some((c) => c.key.name === LEGACY_CTRLR);
  const dbLegacy = state.components.find((c) => c.key.name === LEGACY_CTRLR);
  let components = config;
  if (inject && !configHasLegacy && !dbLegacy) components = [...config, legacyCtrlr()].sort((a, b) => compareKeys(a.key, b.key));

  const configKeys = new Set(components.map((c) => keyString(c.key)));
  for (const c of components) {
    const db = state.byKey.get(keyString(c.key));
    const name = describeDmKey(c.key);
    if (!db) {
      steps.push({ op: 'insert', component: c });
      entries.push({ action: 'add', component: name, what: 'component', reason: c.file ? undefined : "libocpp's built-in default" });
      for (const v of c.variables) entries.push({ action: 'add', component: name, variable: describeVariable(v), what: 'variable' });
      continue;
    }
    const variables = planVariables(c, db, entries);
    if (variables.length) steps.push({ op: 'update', component: c, db, variables });
  }
  for (const db of state.components) {
    if (configKeys.has(keyString(db.key)) || state.byKey.get(keyString(db.key)) !== db) continue;
    if (!inject && !configHasLegacy && db.key.name === LEGACY_CTRLR) {
      steps.push({ op: 'delete', db });
      entries.push({
        action: 'remove',
        component: describeDmKey(db.key),
        what: 'component',
        reason: 'the built-in OCPP16LegacyCtrlr is turned off',
      });
    } else
      entries.push({
        action: 'keep',
        component: describeDmKey(db.key),
        what: 'component',
        reason:
          db.key.name === LEGACY_CTRLR
            ? "libocpp's built-in component, kept while the config has none"
            : 'no component file has it any more; libocpp keeps it in the database',
      });
  }
  const summary: Record<Action, number> = { add: 0, remove: 0, update: 0, keep: 0 };
  for (const e of entries) summary[e.action]++;
  return { fresh, steps, entries, summary };
}

function planVariables(c: DmComponent, db: DbComponent, entries: PlanEntry[]): VariableStep[] {
  const component = describeDmKey(c.key);
  const steps: VariableStep[] = [];
  for (const dbv of db.variables) {
    if (c.variables.some((v) => sameVariable(v, dbv))) continue;
    steps.push({ op: 'delete', db: dbv });
    entries.push({
      action: 'remove',
      component,
      variable: describeVariable(dbv),
      what: 'variable',
      reason: 'no longer in the component file',
    });
  }
  for (const v of c.variables) {
    const dbv = db.variables.find((d) => sameVariable(d, v));
    const variable = describeVariable(v);
    if (!dbv) {
      steps.push({ op: 'insert', variable: v });
      entries.push({ action: 'add', component, variable, what: 'variable' });
      continue;
    }
    const charDiffers = dbv.characteristicsId !== undefined && characteristicsDiffer(v.characteristics, dbv);
    const attrsSame = sameAttributes(v.attributes, dbv.attributes);
    const monsSame = sameMonitors(v.monitors, dbv.monitors);
    if (!charDiffers && attrsSame && monsSame) continue;
    const report = (e: Omit<PlanEntry, 'component' | 'variable'>) => entries.push({ component, variable, ...e });
    if (v.source !== dbv.source) report({ action: 'update', what: 'source', from: show(dbv.source), to: show(v.source) });
    if (charDiffers) reportCharacteristics(v.characteristics, dbv, report);
    const step: VariableStep = { op: 'update', variable: v, db: dbv, characteristics: charDiffers };
    if (!attrsSame) step.attributes = planAttributes(v, dbv, report);
    if (!monsSame) step.monitors = planMonitors(v, dbv, report);
    steps.push(step);
  }
  return steps;
}

type Report = (e: Omit<PlanEntry, 'component' | 'variable'>) => void;

function reportCharacteristics(c: DmCharacteristics, v: DbVariable, report: Report) {
  if (c.dataType !== v.dataType) report({ action: 'update', what: 'dataType', from: DATA_TYPES[v.dataType], to: DATA_TYPES[c.dataType] });
  if (c.supportsMonitoring !== v.supportsMonitoring)
    report({ action: 'update', what: 'supportsMonitoring', from: String(v.supportsMonitoring), to: String(c.supportsMonitoring) });
  if (!sameText(c.unit, v.unit)) report({ action: 'update', what: 'unit', from: show(v.unit), to: show(c.unit) });
  if (!sameText(c.valuesList, v.valuesList))
    report({ action: 'update', what: 'valuesList', from: show(v.valuesList), to: show(c.valuesList) });
  for (const what of ['minLimit', 'maxLimit'] as const) {
    const stored = v[what];
    const wanted = c[what];
    if (stored === wanted) continue;
    // libocpp's update statement sets the limit to COALESCE(stored, new): a stored limit never changes
    if (stored === undefined) report({ action: 'update', what, from: show(stored), to: show(wanted) });
    else
      report({
        action: 'keep',
        what,
        from: show(stored),
        to: show(wanted),
        reason: 'libocpp never replaces a stored limit: COALESCE in its update',
      });
  }
}

function planAttributes(v: DmVariable, dbv: DbVariable, report: Report): AttributeStep[] {
  const steps: AttributeStep[] = [];
  for (const b of dbv.attributes) {
    if (v.attributes.some((a) => a.type === b.type)) continue;
    steps.push({ op: 'delete', db: b });
    report({ action: 'remove', what: attributeName(b.type), reason: 'no longer in the component file' });
  }
  for (const a of v.attributes) {
    const b = dbv.attributes.find((x) => x.type === a.type);
    const value = valueToWrite(a, v.defaultValue);
    const what = attributeName(a.type);
    if (!b) {
      steps.push({ op: 'insert', attribute: a, value });
      report({ action: 'add', what, to: value === undefined ? undefined : show(value) });
      continue;
    }
    if (!attributeDiffers(a, b)) continue;
    steps.push({ op: 'update', attribute: a, db: b, value });
    if (a.mutability !== b.mutability)
      report({
        action: 'update',
        what: `${what} mutability`,
        from: show(b.mutability === undefined ? undefined : MUTABILITIES[b.mutability]),
        to: show(a.mutability === undefined ? undefined : MUTABILITIES[a.mutability]),
      });
    const persistent = a.persistent ?? b.persistent ?? true;
    if (persistent !== (b.persistent ?? true))
      report({ action: 'update', what: `${what} persistent`, from: show(b.persistent), to: show(persistent) });
    const constant = a.constant ?? b.constant ?? false;
    if (constant !== (b.constant ?? false))
      report({ action: 'update', what: `${what} constant`, from: show(b.constant), to: show(constant) });
    if (value !== undefined && value !== b.value) {
      if (overwritable(b.valueSource)) report({ action: 'update', what: `${what} value`, from: show(b.value), to: show(value) });
      else
        report({
          action: 'keep',
          what: `${what} value`,
          from: show(b.value),
          to: show(value),
          reason: `set by ${JSON.stringify(b.valueSource)}, not by the config`,
        });
    }
  }
  return steps;
}

function planMonitors(v: DmVariable, dbv: DbVariable, report: Report): MonitorStep[] {
  const steps: MonitorStep[] = [];
  for (const b of dbv.monitors) {
    if (v.monitors.some((a) => duplicateMonitor(b, a))) continue;
    steps.push({ op: 'delete', db: b });
    report({ action: 'remove', what: monitorName(b), reason: 'no longer in the component file' });
  }
  for (const a of v.monitors) {
    // libocpp never reads CustomMonitor rows back, so it inserts a configured CustomMonitor again on every
    // boot; we match it against them and keep one
    const b =
      dbv.monitors.find((x) => duplicateMonitor(a, x)) ??
      (a.configType === 2 ? dbv.customMonitors.find((x) => duplicateMonitor(a, x)) : undefined);
    if (!b) {
      steps.push({ op: 'insert', monitor: a });
      report({ action: 'add', what: monitorName(a), to: `${MONITOR_CONFIG_TYPES[a.configType]} value ${a.value}` });
    } else if (monitorDiffers(a, b)) {
      steps.push({ op: 'update', monitor: a, db: b });
      report({
        action: 'update',
        what: monitorName(a),
        from: `${MONITOR_CONFIG_TYPES[b.configType]} value ${b.value}`,
        to: `${MONITOR_CONFIG_TYPES[a.configType]} value ${a.value}`,
      });
    }
  }
  return steps;
}

export type { DmKey };
