import type { Database, Statement } from 'better-sqlite3';
import type { DmAttribute, DmComponent, DmMonitor, DmVariable } from './libocpp-config.js';
import type { AttributeStep, MonitorStep, UpdatePlan, VariableStep } from './update-plan.js';
import { valueToWrite } from './update-plan.js';

// The statements of libocpp's InitDeviceModelDb, run in its order so that new rows get libocpp's ids.

const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const bit = (b: boolean) => (b ? 1 : 0);

class Writer {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertComponent: p('INSERT INTO COMPONENT (NAME, INSTANCE, EVSE_ID, CONNECTOR_ID) VALUES (?, ?, ?, ?)'),
      deleteComponent: p('DELETE FROM COMPONENT WHERE ID = ?'),
      insertVariable: p('INSERT INTO VARIABLE (NAME, INSTANCE, COMPONENT_ID, SOURCE) VALUES (?, ?, ?, ?)'),
      updateVariable: p('UPDATE VARIABLE SET NAME = ?, INSTANCE = ?, COMPONENT_ID = ?, SOURCE = ? WHERE ID = ?'),
      deleteVariable: p('DELETE FROM VARIABLE WHERE ID = ?'),
      insertCharacteristics: p(
        'INSERT INTO VARIABLE_CHARACTERISTICS (DATATYPE_ID, VARIABLE_ID, MAX_LIMIT, MIN_LIMIT, SUPPORTS_MONITORING, UNIT, VALUES_LIST) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      // COALESCE as in libocpp: a limit already stored is never replaced
      updateCharacteristics: p(
        'UPDATE VARIABLE_CHARACTERISTICS SET DATATYPE_ID = ?, VARIABLE_ID = ?, MAX_LIMIT = COALESCE(MAX_LIMIT, ?), MIN_LIMIT = COALESCE(MIN_LIMIT, ?), SUPPORTS_MONITORING = ?, UNIT = ?, VALUES_LIST = ? WHERE ID = ?',
      ),
      insertAttribute: p(
        'INSERT INTO VARIABLE_ATTRIBUTE (VARIABLE_ID, MUTABILITY_ID, PERSISTENT, CONSTANT, TYPE_ID, VALUE_SOURCE, "VALUE") VALUES (?, ?, 1, 0, ?, ?, ?)',
      ),
      updateAttribute: p('UPDATE VARIABLE_ATTRIBUTE SET MUTABILITY_ID = ?, PERSISTENT = ?, CONSTANT = ?, TYPE_ID = ? WHERE ID = ?'),
      // a value the station (CSMS, OCPP 1.6 bridge, ...) set stays; only config-set values are replaced
      updateValue: p(
        `UPDATE VARIABLE_ATTRIBUTE SET "VALUE" = ?, VALUE_SOURCE = 'default' WHERE ID = ? AND (VALUE_SOURCE = 'default' OR VALUE_SOURCE = '' OR VALUE_SOURCE IS NULL)`,
      ),
      deleteAttribute: p('DELETE FROM VARIABLE_ATTRIBUTE WHERE ID = ?'),
      insertMonitor: p(
        'INSERT INTO VARIABLE_MONITORING (VARIABLE_ID, SEVERITY, "TRANSACTION", TYPE_ID, CONFIG_TYPE_ID, "VALUE", REFERENCE_VALUE) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      updateMonitor: p(
        'UPDATE VARIABLE_MONITORING SET SEVERITY = ?, "TRANSACTION" = ?, TYPE_ID = ?, CONFIG_TYPE_ID = ?, "VALUE" = ?, REFERENCE_VALUE = ? WHERE ID = ?',
      ),
      deleteMonitor: p('DELETE FROM VARIABLE_MONITORING WHERE ID = ?'),
    };
  }

  component(c: DmComponent) {
    const id = Number(
      this.s.insertComponent.run(c.key.name, nul(c.key.instance), nul(c.key.evseId), nul(c.key.connectorId)).lastInsertRowid,
    );
    for (const v of c.variables) this.variable(v, id);
  }

  variable(v: DmVariable, componentId: number) {
    const id = Number(this.s.insertVariable.run(v.name, nul(v.instance), componentId, nul(v.source)).lastInsertRowid);
    const c = v.characteristics;
    this.s.insertCharacteristics.run(
      c.dataType,
      id,
      nul(c.maxLimit),
      nul(c.minLimit),
      bit(c.supportsMonitoring),
      nul(c.unit),
      nul(c.valuesList),
    );
    for (const a of v.attributes) this.attribute(a, id, valueToWrite(a, v.defaultValue));
    for (const m of v.monitors) this.monitor(m, id);
  }

  attribute(a: DmAttribute, variableId: number, value: string | undefined) {
    this.s.insertAttribute.run(variableId, nul(a.mutability), nul(a.type), value === undefined ? null : 'default', nul(value));
  }

  monitor(m: DmMonitor, variableId: number) {
    this.s.insertMonitor.run(variableId, m.severity, bit(m.transaction), m.type, m.configType, m.value, nul(m.referenceValue));
  }

  updateVariable(step: Extract<VariableStep, { op: 'update' }>, componentId: number) {
    const { variable: v, db } = step;
    this.s.updateVariable.run(v.name, nul(v.instance), componentId, nul(v.source), db.id);
    if (step.characteristics) {
      const c = v.characteristics;
      this.s.updateCharacteristics.run(
        c.dataType,
        db.id,
        nul(c.maxLimit),
        nul(c.minLimit),
        bit(c.supportsMonitoring),
        nul(c.unit),
        nul(c.valuesList),
        db.characteristicsId,
      );
    }
    for (const s of step.attributes ?? []) this.attributeStep(s, db.id);
    for (const s of step.monitors ?? []) this.monitorStep(s, db.id);
  }

  attributeStep(s: AttributeStep, variableId: number) {
    if (s.op === 'delete') this.s.deleteAttribute.run(s.db.id);
    else if (s.op === 'insert') this.attribute(s.attribute, variableId, s.value);
    else {
      const a = s.attribute;
      const persistent = a.persistent ?? s.db.persistent ?? true;
      const constant = a.constant ?? s.db.constant ?? false;
      this.s.updateAttribute.run(nul(a.mutability), bit(persistent), bit(constant), nul(a.type), s.db.id);
      if (s.value !== undefined) this.s.updateValue.run(s.value, s.db.id);
    }
  }

  monitorStep(s: MonitorStep, variableId: number) {
    if (s.op === 'delete') this.s.deleteMonitor.run(s.db.id);
    else if (s.op === 'insert') this.monitor(s.monitor, variableId);
    else {
      const m = s.monitor;
      this.s.updateMonitor.run(m.severity, bit(m.transaction), m.type, m.configType, m.value, nul(m.referenceValue), s.db.id);
    }
  }

  deleteComponent(id: number) {
    this.s.deleteComponent.run(id);
  }

  deleteVariable(id: number) {
    this.s.deleteVariable.run(id);
  }
}

/** Runs a plan's steps; the caller wraps this in one transaction with foreign keys on (for the cascades). */
export function applyPlan(db: Database, plan: UpdatePlan, onStep?: () => void): void {
  const w = new Writer(db);
  for (const step of plan.steps) {
    onStep?.();
    if (step.op === 'insert') w.component(step.component);
    else if (step.op === 'delete') w.deleteComponent(step.db.id);
    else
      for (const v of step.variables) {
        if (v.op === 'insert') w.variable(v.variable, step.db.id);
        else if (v.op === 'delete') w.deleteVariable(v.db.id);
        else w.updateVariable(v, step.db.id);
      }
  }
}
