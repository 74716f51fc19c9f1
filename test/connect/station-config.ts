import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Value = string | number | boolean;
interface Var {
  dataType: string;
  value?: Value;
  mutability?: 'ReadOnly' | 'ReadWrite' | 'WriteOnly';
  instance?: string;
  valuesList?: string;
  min?: number;
  max?: number;
}

function component(name: string, vars: Record<string, Var>, key: Record<string, unknown> = {}) {
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(vars)) {
    properties[k] = {
      variable_name: k.replace(/_.*$/, ''),
      ...(v.instance ? { instance: v.instance } : {}),
      characteristics: {
        supportsMonitoring: false,
        dataType: v.dataType,
        ...(v.valuesList ? { valuesList: v.valuesList } : {}),
        ...(v.min !== undefined ? { minLimit: v.min } : {}),
        ...(v.max !== undefined ? { maxLimit: v.max } : {}),
      },
      attributes: [{ type: 'Actual', mutability: v.mutability ?? 'ReadWrite', ...(v.value !== undefined ? { value: v.value } : {}) }],
      type: v.dataType === 'integer' ? 'integer' : v.dataType === 'boolean' ? 'boolean' : 'string',
    };
  }
  return { name, ...key, type: 'object', properties };
}

export interface StationConfig {
  url: string;
  securityProfile: number;
  identity?: string;
  slotPassword?: string;
  securityIdentity?: string;
  securityPassword?: string;
  versions?: string;
  /** InternalCtrlr.AllowSecurityLevelZeroConnections; true unless given */
  allowProfileZero?: boolean;
  /** SecurityCtrlr.SecurityProfile; the slot's profile unless given */
  stationProfile?: number;
  connectors?: number;
  /** MessageTimeout of slot 1 in seconds (5 unless given) */
  messageTimeout?: number;
  /** a second slot, listed after slot 1 in NetworkConfigurationPriority */
  slot2?: { url: string; securityProfile: number };
}

function slotComponent(n: number, url: string, securityProfile: number, identity: string, password?: string, messageTimeout = 5) {
  return component(
    'NetworkConfiguration',
    {
      OcppCsmsUrl: { dataType: 'string', value: url, max: 2000 },
      SecurityProfile: { dataType: 'integer', value: securityProfile, min: 0, max: 3 },
      OcppInterface: {
        dataType: 'OptionList',
        value: 'Wired0',
        valuesList: 'Wired0,Wired1,Wired2,Wired3,Wireless0,Wireless1,Wireless2,Wireless3,Any',
      },
      OcppTransport: { dataType: 'OptionList', value: 'JSON', valuesList: 'JSON,SOAP' },
      MessageTimeout: { dataType: 'integer', value: messageTimeout, min: 1 },
      Identity: { dataType: 'string', value: identity, max: 48 },
      ...(password !== undefined
        ? { BasicAuthPassword: { dataType: 'string', value: password, mutability: 'WriteOnly' as const, min: 16, max: 64 } }
        : {}),
      VpnEnabled: { dataType: 'boolean', value: false, mutability: 'ReadOnly' },
      ApnEnabled: { dataType: 'boolean', value: false, mutability: 'ReadOnly' },
    },
    { instance: String(n) },
  );
}

/** A small component_config written for one test: one slot, the controllers connect reads, one connector. */
export function writeStationConfig(c: StationConfig): string {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-connect-'));
  mkdirSync(join(root, 'standardized'));
  mkdirSync(join(root, 'custom'));
  const files: Record<string, unknown> = {
    'standardized/OCPPCommCtrlr.json': component('OCPPCommCtrlr', {
      NetworkConfigurationPriority: { dataType: 'SequenceList', value: c.slot2 ? '1,2' : '1', valuesList: '1,2' },
    }),
    'standardized/NetworkConfiguration_1.json': slotComponent(
      1,
      c.url,
      c.securityProfile,
      c.identity ?? '',
      c.slotPassword,
      c.messageTimeout,
    ),
    'standardized/SecurityCtrlr.json': component('SecurityCtrlr', {
      Identity: { dataType: 'string', value: c.securityIdentity ?? 'cp001', mutability: 'ReadOnly' },
      BasicAuthPassword: { dataType: 'string', value: c.securityPassword ?? '', mutability: 'WriteOnly', min: 16, max: 40 },
      SecurityProfile: { dataType: 'integer', value: c.stationProfile ?? c.securityProfile, mutability: 'ReadOnly' },
    }),
    'standardized/InternalCtrlr.json': component('InternalCtrlr', {
      ChargePointModel: { dataType: 'string', value: 'TestModel', mutability: 'ReadOnly' },
      ChargePointVendor: { dataType: 'string', value: 'TestVendor', mutability: 'ReadOnly' },
      FirmwareVersion: { dataType: 'string', value: '1.2.3', mutability: 'ReadOnly' },
      ChargeBoxSerialNumber: { dataType: 'string', value: 'SN-1', mutability: 'ReadOnly' },
      AllowSecurityLevelZeroConnections: { dataType: 'boolean', value: c.allowProfileZero ?? true, mutability: 'ReadOnly' },
      SupportedOcppVersions: {
        dataType: 'SequenceList',
        value: c.versions ?? 'ocpp2.1,ocpp2.0.1',
        valuesList: 'ocpp2.0.1,ocpp2.1',
        mutability: 'ReadOnly',
      },
    }),
  };
  if (c.slot2) files['standardized/NetworkConfiguration_2.json'] = slotComponent(2, c.slot2.url, c.slot2.securityProfile, '');
  for (let n = 1; n <= (c.connectors ?? 1); n++)
    files[`custom/Connector_${n}_1.json`] = component(
      'Connector',
      { AvailabilityState: { dataType: 'OptionList', value: 'Available', valuesList: 'Available,Occupied', mutability: 'ReadOnly' } },
      { evse_id: n, connector_id: 1 },
    );
  for (const [rel, data] of Object.entries(files)) writeFileSync(join(root, rel), JSON.stringify(data, null, 2) + '\n');
  return root;
}
