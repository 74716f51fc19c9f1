import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/index.js';
import { component, writeConfig } from '../slots/slot-config.js';
import { REFERENCE } from '../support/paths.js';

type Vars = Record<string, unknown>;
const vars = (
  values: Vars,
  dataType = (v: unknown) => (typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'integer' : 'string'),
) =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === undefined ? { dataType: dataType(v) } : { value: v, dataType: dataType(v) }]),
  );

/** A small component_config with ISO15118Ctrlr, AuthCtrlr and SecurityCtrlr set as given (undefined: a variable without value). */
export function pncConfig(
  iso: Vars,
  auth: Vars = { Enabled: true, LocalAuthorizeOffline: true },
  security: Vars = { SecurityProfile: 2 },
): string {
  return writeConfig({
    'ISO15118Ctrlr.json': component('ISO15118Ctrlr', vars(iso)),
    'AuthCtrlr.json': component('AuthCtrlr', vars(auth)),
    'SecurityCtrlr.json': component('SecurityCtrlr', vars(security)),
  });
}

/** A fully configured Plug&Charge station: no pnc-* rule reports anything on it. */
export const GOOD_PNC: Vars = {
  PnCEnabled: true,
  V2GCertificateInstallationEnabled: true,
  ContractCertificateInstallationEnabled: true,
  ContractValidationOffline: true,
  CentralContractValidationAllowed: true,
  SeccId: 'DEPNXS1234567',
  CountryName: 'DE',
  OrganizationName: 'Pionix',
};

export const runPnc = (rule: Rule, dir: string): Diagnostic[] => validateTree(loadConfigTree(dir), { rules: [rule] });

/** A copy of EVerest's shipped component config with some Actual values changed (variable name → value; null clears). */
export function referenceCopy(edits: Record<string, Record<string, unknown>> = {}): string {
  const root = join(mkdtempSync(join(tmpdir(), 'ocppctl-pnc-')), 'component_config');
  cpSync(join(REFERENCE, 'everest-component-config'), root, { recursive: true });
  for (const [name, values] of Object.entries(edits)) {
    const file = join(root, 'standardized', `${name}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      properties: Record<string, { variable_name: string; attributes: { type?: string; value?: unknown }[] }>;
    };
    for (const [variable, value] of Object.entries(values)) {
      const entry = Object.values(json.properties).find((p) => p.variable_name === variable);
      if (!entry) throw new Error(`${name}.${variable} is not in the reference config`);
      const attr = entry.attributes.find((a) => (a.type ?? 'Actual') === 'Actual')!;
      if (value === null) delete attr.value;
      else attr.value = value;
    }
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  }
  return root;
}
