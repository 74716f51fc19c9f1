import { valueMapping, VALUE_MAPPINGS } from '../legacy16/mapping.js';
import type { Payload } from './framing.js';
import type { StationModel } from './station-model.js';
import type { StationDialect } from './station-connect.js';

// CiString limits of the 1.6 schemas (BootNotification.req, KeyValue of GetConfiguration.conf)
const cut = (s: string, n: number) => s.slice(0, n);
const MAX_CONFIGURATION_VALUE = 500;

/**
 * `connect --ocpp 1.6`: the same steps as 2.x with OCPP 1.6 messages. The station's identity comes from the
 * InternalCtrlr variables the 2.x boot reads; its configuration keys are the device model variables libocpp's
 * 1.6 key mapping (src/legacy16/mapping.ts) names.
 */
export const dialect16: StationDialect = {
  bootPayload(model) {
    const get = (name: string) => model.value('InternalCtrlr', name);
    const payload: Payload = {
      chargePointVendor: cut(get('ChargePointVendor') ?? '', 20),
      chargePointModel: cut(get('ChargePointModel') ?? '', 20),
    };
    const optional = [
      ['ChargeBoxSerialNumber', 'chargeBoxSerialNumber', 25],
      ['FirmwareVersion', 'firmwareVersion', 50],
      ['ICCID', 'iccid', 20],
      ['IMSI', 'imsi', 20],
    ] as const;
    for (const [variable, field, max] of optional) {
      const v = get(variable);
      if (v !== undefined) payload[field] = cut(v, max);
    }
    return payload;
  },
  statusNotifications(model) {
    // 1.6 numbers connectors 1..n across the station (libocpp 1.6 gives each EVSE one connector) and
    // connector 0 stands for the station itself, which libocpp 1.6 reports at boot too
    const connectors = model.connectors();
    const status = (connectorId: number) => ({ connectorId, errorCode: 'NoError', status: 'Available' });
    return {
      payloads: [status(0), ...connectors.map((_, i) => status(i + 1))],
      detail: `the station (connector 0) and ${connectors.length} connector(s)`,
    };
  },
  serve(conn, model) {
    conn.handle('GetConfiguration', (p) => getConfiguration(model, p.key as string[] | undefined));
    conn.handle('ChangeConfiguration', (p) => ({ status: changeConfiguration(model, String(p.key), String(p.value)) }));
  },
  answers: 'GetConfiguration, ChangeConfiguration',
};

function keyValue(model: StationModel, key: string): Payload | undefined {
  const m = valueMapping(key);
  const attr = m && model.actual(m[1], m[2], m[3]);
  if (!attr) return undefined;
  return {
    key,
    readonly: attr.mutability === 'ReadOnly',
    // libocpp 1.6 never reads back a write-only value (AuthorizationKey)
    ...(attr.mutability !== 'WriteOnly' && attr.value !== undefined ? { value: cut(attr.value, MAX_CONFIGURATION_VALUE) } : {}),
  };
}

function getConfiguration(model: StationModel, keys: string[] | undefined): Payload {
  const asked = keys && keys.length > 0 ? keys : VALUE_MAPPINGS.map((m) => m[0]);
  const configurationKey: Payload[] = [];
  const unknownKey: string[] = [];
  for (const key of asked) {
    const kv = keyValue(model, key);
    if (kv) configurationKey.push(kv);
    // without keys the station lists what it has: keys it lacks are not unknown, just absent
    else if (keys && keys.length > 0) unknownKey.push(key);
  }
  return { configurationKey, ...(unknownKey.length ? { unknownKey } : {}) };
}

function changeConfiguration(model: StationModel, key: string, value: string): string {
  const m = valueMapping(key);
  if (!m) return 'NotSupported';
  const [, component, name, instance] = m;
  const res = model.setVariables({
    setVariableData: [{ component: { name: component }, variable: { name, ...(instance ? { instance } : {}) }, attributeValue: value }],
  });
  const status = (res.setVariableResult as { attributeStatus: string }[])[0].attributeStatus;
  return status === 'Accepted' ? 'Accepted' : status === 'Rejected' ? 'Rejected' : 'NotSupported';
}
