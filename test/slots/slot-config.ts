import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Vars = Record<string, { value?: unknown; default?: unknown; dataType?: string; valuesList?: string; attributes?: unknown[] }>;

/** One component file: variables given as value (attribute value) and/or default. */
export function component(name: string, vars: Vars, key: { instance?: string; evse_id?: number } = {}) {
  const properties: Record<string, unknown> = {};
  for (const [variable, v] of Object.entries(vars)) {
    const attr: Record<string, unknown> = { type: 'Actual', mutability: 'ReadWrite' };
    if ('value' in v) attr.value = v.value;
    properties[variable] = {
      variable_name: variable,
      characteristics: {
        dataType: v.dataType ?? 'string',
        supportsMonitoring: false,
        ...(v.valuesList ? { valuesList: v.valuesList } : {}),
      },
      attributes: v.attributes ?? [attr],
      ...('default' in v ? { default: v.default } : {}),
    };
  }
  return { name, ...key, type: 'object', properties };
}

/** Writes a throw-away component_config with these standardized/ files and returns its path. */
export function writeConfig(files: Record<string, unknown>, custom: Record<string, unknown> = {}): string {
  const root = join(mkdtempSync(join(tmpdir(), 'ocppctl-read-')), 'component_config');
  for (const [folder, set] of [
    ['standardized', files],
    ['custom', custom],
  ] as const) {
    mkdirSync(join(root, folder), { recursive: true });
    for (const [name, json] of Object.entries(set)) writeFileSync(join(root, folder, name), JSON.stringify(json, null, 2) + '\n');
  }
  return root;
}

export const fullSlot = (instance: string, overrides: Vars = {}) =>
  component(
    'NetworkConfiguration',
    {
      OcppCsmsUrl: { value: 'wss://csms.example.com/ocpp' },
      SecurityProfile: { value: 2, dataType: 'integer' },
      OcppInterface: { value: 'Wired0', dataType: 'OptionList' },
      OcppTransport: { value: 'JSON', dataType: 'OptionList' },
      MessageTimeout: { value: 30, dataType: 'integer' },
      ...overrides,
    },
    { instance },
  );

export const commCtrlr = (priority: unknown, valuesList = '1,2') =>
  component('OCPPCommCtrlr', { NetworkConfigurationPriority: { value: priority, dataType: 'SequenceList', valuesList } });

export const securityCtrlr = (vars: Vars = { Identity: { value: 'cp042' }, BasicAuthPassword: { value: 'a-secret-of-20-chars' } }) =>
  component('SecurityCtrlr', vars);
