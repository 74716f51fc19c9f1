import { attributes, effectiveValue, findComponent, findVariable } from '../model/index.js';
import type { Component, ConfigTree } from '../model/index.js';
import type { Payload } from './framing.js';
// migrate.js directly, not slots/index.js: csms loads this module and must not load the slot plans and the rules
import { decideMigration, treeMigrationSource } from '../slots/migrate.js';
import { isSecretVariable, redactBlob } from '../diagnostics/redact.js';

type AttributeType = 'Actual' | 'Target' | 'MinSet' | 'MaxSet';
type Mutability = 'ReadOnly' | 'WriteOnly' | 'ReadWrite';

interface Attribute {
  type: AttributeType;
  mutability: Mutability;
  value: string | undefined;
}

interface ModelVariable {
  component: { name: string; instance?: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string; instance?: string };
  characteristics: {
    dataType: string;
    supportsMonitoring: boolean;
    unit?: string;
    minLimit?: number;
    maxLimit?: number;
    valuesList?: string;
  };
  attributes: Attribute[];
}

interface ComponentRef {
  name: string;
  instance?: string;
  evse?: { id: number; connectorId?: number };
}
interface VariableRef {
  name: string;
  instance?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * The station's device model in memory, as `connect --stay` serves it: GetVariables, SetVariables (not written
 * back to the files) and GetBaseReport answer from it the way libocpp's DeviceModel does.
 */
export class StationModel {
  readonly variables: ModelVariable[] = [];

  constructor(private readonly tree: ConfigTree) {
    for (const c of tree.effective) for (const v of c.variables) this.variables.push(toModelVariable(c, v));
    this.migrateLegacyBlob();
  }

  /**
   * libocpp's ChargePoint::initialize runs migrate_from_blob_if_needed before it connects, so a running station
   * never holds the legacy InternalCtrlr.NetworkConnectionProfiles blob: its profiles are in the slots and the
   * blob is "" (also when a listed slot already had a URL, or some entries failed). Only a blob that is not JSON
   * stays (libocpp retries every boot); it may hold passwords we cannot locate, so ocppctl answers it masked.
   */
  private migrateLegacyBlob() {
    const blob = this.find({ name: 'InternalCtrlr' }, { name: 'NetworkConnectionProfiles' })?.attributes.find((a) => a.type === 'Actual');
    if (!blob || blob.value === undefined || blob.value === '') return;
    let parsed = true;
    try {
      JSON.parse(blob.value);
    } catch {
      parsed = false;
    }
    if (!parsed) {
      blob.value = redactBlob(blob.value);
      return;
    }
    let writes: Map<number, Record<string, string | number | boolean>> = new Map();
    try {
      writes = decideMigration(treeMigrationSource(this.tree)).writes;
    } catch {
      // entries libocpp cannot write are skipped there; ocppctl refuses the whole blob, so none are applied here
    }
    for (const [slot, values] of writes) {
      const component = { name: 'NetworkConfiguration', instance: String(slot) };
      const created = !this.knowsComponent(component);
      if (created) this.addSlotLike(component);
      for (const [name, value] of Object.entries(values)) {
        // libocpp's embedded slot schema has every slot variable; this tree's slot 1 may lack some
        if (created && !this.find(component, { name })) this.variables.push(slotVariable(component, name));
        const attr = this.find(component, { name })?.attributes.find((a) => a.type === 'Actual');
        if (attr) attr.value = String(value);
      }
    }
    blob.value = '';
  }

  // libocpp creates a missing slot from its embedded NetworkConfiguration_1 schema; slot 1 of this tree stands in
  private addSlotLike(component: { name: string; instance: string }) {
    const template = this.variables.filter((v) => v.component.name === 'NetworkConfiguration' && v.component.instance === '1');
    for (const v of template)
      this.variables.push({
        ...v,
        component,
        attributes: v.attributes.map((a) => ({ ...a, value: undefined })),
        characteristics: { ...v.characteristics },
      });
  }

  /** Actual value of a variable, as libocpp stores it (text) */
  value(component: string, variable: string, instance?: string): string | undefined {
    const v = this.find({ name: component }, { name: variable, ...(instance !== undefined ? { instance } : {}) });
    return v ? v.attributes.find((a) => a.type === 'Actual')?.value : effectiveActual(this.tree, component, variable, instance);
  }

  /** The Actual attribute of a station-wide variable (no EVSE), as an OCPP 1.6 configuration key reads it. */
  actual(component: string, variable: string, instance?: string): { value: string | undefined; mutability: Mutability } | undefined {
    const attr = this.find({ name: component }, { name: variable, ...(instance !== undefined ? { instance } : {}) })?.attributes.find(
      (a) => a.type === 'Actual',
    );
    return attr && { value: attr.value, mutability: attr.mutability };
  }

  /** Writes an Actual value as the station itself would (no mutability check), e.g. HeartbeatInterval after a boot. */
  setActual(component: string, variable: string, value: string) {
    const attr = this.find({ name: component }, { name: variable })?.attributes.find((a) => a.type === 'Actual');
    if (attr) attr.value = value;
  }

  bootPayload(reason = 'PowerUp'): Payload {
    // libocpp Provisioning::boot_notification_req reads these InternalCtrlr variables
    const get = (name: string) => this.find({ name: 'InternalCtrlr' }, { name })?.attributes.find((a) => a.type === 'Actual')?.value;
    const station: Record<string, unknown> = { model: get('ChargePointModel') ?? '', vendorName: get('ChargePointVendor') ?? '' };
    const firmware = get('FirmwareVersion');
    const serial = get('ChargeBoxSerialNumber');
    if (firmware !== undefined) station.firmwareVersion = firmware;
    if (serial !== undefined) station.serialNumber = serial;
    const iccid = get('ICCID');
    const imsi = get('IMSI');
    if (iccid !== undefined || imsi !== undefined)
      station.modem = { ...(iccid !== undefined ? { iccid } : {}), ...(imsi !== undefined ? { imsi } : {}) };
    return { reason, chargingStation: station };
  }

  connectors(): { evseId: number; connectorId: number }[] {
    return this.tree.effective
      .filter((c) => c.key.name === 'Connector' && c.key.evseId !== undefined && c.key.connectorId !== undefined)
      .map((c) => ({ evseId: c.key.evseId!, connectorId: c.key.connectorId! }))
      .sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId);
  }

  private find(component: ComponentRef, variable: VariableRef) {
    const comp = this.variables.filter(
      (v) =>
        v.component.name === component.name &&
        v.component.instance === component.instance &&
        v.component.evse?.id === component.evse?.id &&
        v.component.evse?.connectorId === component.evse?.connectorId,
    );
    return comp.find((v) => v.variable.name === variable.name && v.variable.instance === variable.instance);
  }

  private knowsComponent(component: ComponentRef) {
    return this.variables.some(
      (v) =>
        v.component.name === component.name &&
        v.component.instance === component.instance &&
        v.component.evse?.id === component.evse?.id &&
        v.component.evse?.connectorId === component.evse?.connectorId,
    );
  }

  /** The variable and attribute a Get/SetVariables entry addresses, or the status that says why there is none. */
  private resolve(component: ComponentRef, variable: VariableRef, attributeType: AttributeType | undefined) {
    if (!this.knowsComponent(component)) return { status: 'UnknownComponent' } as const;
    const v = this.find(component, variable);
    if (!v) return { status: 'UnknownVariable' } as const;
    const attr = v.attributes.find((a) => a.type === (attributeType ?? 'Actual'));
    if (!attr) return { status: 'NotSupportedAttributeType' } as const;
    return { v, attr };
  }

  getVariables(request: Payload): Payload {
    const data = request.getVariableData as { component: ComponentRef; variable: VariableRef; attributeType?: AttributeType }[];
    return {
      getVariableResult: data.map(({ component, variable, attributeType }) => {
        const base = { component, variable, ...(attributeType ? { attributeType } : {}) };
        const found = this.resolve(component, variable, attributeType);
        if ('status' in found) return { ...base, attributeStatus: found.status };
        const { attr } = found;
        // libocpp: WriteOnly values (passwords) are never read back
        if (attr.mutability === 'WriteOnly') return { ...base, attributeStatus: 'Rejected' };
        return { ...base, attributeStatus: 'Accepted', attributeValue: (attr.value ?? '').slice(0, 2500) };
      }),
    };
  }

  setVariables(request: Payload): Payload {
    const data = request.setVariableData as {
      component: ComponentRef;
      variable: VariableRef;
      attributeType?: AttributeType;
      attributeValue: string;
    }[];
    return {
      setVariableResult: data.map(({ component, variable, attributeType, attributeValue }) => {
        const base = { component, variable, ...(attributeType ? { attributeType } : {}) };
        const found = this.resolve(component, variable, attributeType);
        if ('status' in found) return { ...base, attributeStatus: found.status };
        const { v, attr } = found;
        if (attr.mutability === 'ReadOnly')
          return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'ReadOnly' } };
        const problem = valueProblem(v.characteristics, attributeValue);
        if (problem)
          return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue', additionalInfo: problem } };
        attr.value = attributeValue;
        return { ...base, attributeStatus: 'Accepted' };
      }),
    };
  }

  /** NotifyReport payloads (without requestId/seqNo/tbc/generatedAt) for a GetBaseReport reportBase */
  reportData(reportBase: string): Payload[] {
    const pick = (v: ModelVariable) =>
      reportBase === 'FullInventory' ||
      (reportBase === 'ConfigurationInventory' && v.attributes.some((a) => a.mutability !== 'ReadOnly')) ||
      (reportBase === 'SummaryInventory' &&
        ['AvailabilityState', 'Available', 'Problem', 'Fallback', 'Tripped', 'Overload'].includes(v.variable.name));
    return this.variables.filter(pick).map((v) => ({
      component: v.component,
      variable: v.variable,
      variableAttribute: v.attributes.map((a) => ({
        type: a.type,
        mutability: a.mutability,
        ...(a.mutability !== 'WriteOnly' && a.value !== undefined ? { value: a.value.slice(0, 2500) } : {}),
      })),
      variableCharacteristics: {
        dataType: v.characteristics.dataType,
        supportsMonitoring: v.characteristics.supportsMonitoring,
        ...(v.characteristics.unit !== undefined ? { unit: v.characteristics.unit } : {}),
        ...(v.characteristics.minLimit !== undefined ? { minLimit: v.characteristics.minLimit } : {}),
        ...(v.characteristics.maxLimit !== undefined ? { maxLimit: v.characteristics.maxLimit } : {}),
        ...(v.characteristics.valuesList !== undefined ? { valuesList: v.characteristics.valuesList.slice(0, 1000) } : {}),
      },
    }));
  }
}

// mutabilities of libocpp's NetworkConfiguration_1.json: secrets WriteOnly, ApnEnabled/VpnEnabled ReadOnly
function slotVariable(component: { name: string; instance: string }, name: string): ModelVariable {
  const mutability: Mutability = isSecretVariable({ variable: name }) ? 'WriteOnly' : /Enabled$/.test(name) ? 'ReadOnly' : 'ReadWrite';
  const dataType = /Enabled$/.test(name) ? 'boolean' : ['SecurityProfile', 'MessageTimeout'].includes(name) ? 'integer' : 'string';
  return {
    component,
    variable: { name },
    characteristics: { dataType, supportsMonitoring: false },
    attributes: [{ type: 'Actual', mutability, value: undefined }],
  };
}

function effectiveActual(tree: ConfigTree, component: string, variable: string, instance?: string): string | undefined {
  const v = findVariable(findComponent(tree, component), variable, instance);
  return v ? effectiveValue(v, 'Actual').value : undefined;
}

function toModelVariable(c: Component, v: Component['variables'][number]): ModelVariable {
  const ch = isObject(v.data.characteristics) ? v.data.characteristics : {};
  const component: ModelVariable['component'] = { name: c.key.name };
  if (c.key.instance !== undefined) component.instance = c.key.instance;
  if (c.key.evseId !== undefined)
    component.evse = { id: c.key.evseId, ...(c.key.connectorId !== undefined ? { connectorId: c.key.connectorId } : {}) };
  return {
    component,
    variable: { name: v.name, ...(v.instance !== undefined ? { instance: v.instance } : {}) },
    characteristics: {
      dataType: typeof ch.dataType === 'string' ? ch.dataType : 'string',
      supportsMonitoring: ch.supportsMonitoring === true,
      ...(typeof ch.unit === 'string' ? { unit: ch.unit } : {}),
      ...(num(ch.minLimit) !== undefined ? { minLimit: num(ch.minLimit) } : {}),
      ...(num(ch.maxLimit) !== undefined ? { maxLimit: num(ch.maxLimit) } : {}),
      ...(typeof ch.valuesList === 'string' ? { valuesList: ch.valuesList } : {}),
    },
    attributes: attributes(v).map((a) => {
      const type = (typeof a.data.type === 'string' ? a.data.type : 'Actual') as AttributeType;
      return {
        type,
        mutability: (typeof a.data.mutability === 'string' ? a.data.mutability : 'ReadWrite') as Mutability,
        value: effectiveValue(v, type).value,
      };
    }),
  };
}

// libocpp DeviceModel::validate_value (device_model.cpp): string limits are lengths, numeric limits are values
export function valueProblem(ch: ModelVariable['characteristics'], value: string): string | undefined {
  const { dataType, minLimit, maxLimit, valuesList } = ch;
  const list = valuesList?.split(',');
  switch (dataType) {
    case 'integer':
    case 'decimal': {
      const ok = dataType === 'integer' ? /^[+-]?\d+$/.test(value) : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value);
      if (!ok) return `"${value}" is not ${dataType === 'integer' ? 'an integer' : 'a decimal'}`;
      const n = Number(value);
      if (minLimit !== undefined && n < minLimit) return `${n} is below the minimum ${minLimit}`;
      if (maxLimit !== undefined && n > maxLimit) return `${n} is above the maximum ${maxLimit}`;
      return undefined;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : `"${value}" is not true or false`;
    case 'dateTime':
      return Number.isNaN(Date.parse(value)) ? `"${value}" is not a date-time` : undefined;
    case 'OptionList':
      return list && !list.includes(value) ? `"${value}" is not one of ${valuesList}` : undefined;
    case 'SequenceList':
    case 'MemberList': {
      const bad = list ? value.split(',').find((t) => !list.includes(t)) : undefined;
      return bad !== undefined ? `"${bad}" is not one of ${valuesList}` : undefined;
    }
    default:
      if (minLimit !== undefined && value.length < minLimit) return `${value.length} characters, at least ${minLimit} needed`;
      if (maxLimit !== undefined && value.length > maxLimit) return `${value.length} characters, at most ${maxLimit} allowed`;
      return undefined;
  }
}
