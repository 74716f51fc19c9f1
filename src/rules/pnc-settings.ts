import { findComponent } from '../model/index.js';
import type { Component, ConfigTree } from '../model/index.js';
import { storedValue } from '../model/slots/read.js';
import type { StoredValue } from '../model/slots/read.js';

/** libocpp reads these switches with get_optional_value<bool>: "true" in any case is true, anything else false. */
export const isTrue = (v: StoredValue | undefined): boolean => v?.present === true && v.value!.toLowerCase() === 'true';
export const isFalse = (v: StoredValue | undefined): boolean => v?.present === true && v.value!.toLowerCase() !== 'true';

/** The device-model variables Plug&Charge depends on, read as libocpp's database holds them after start-up. */
export interface PncSettings {
  iso: Component;
  pnc: StoredValue;
  v2gInstall: StoredValue;
  contractInstall: StoredValue;
  contractValidationOffline: StoredValue;
  centralContractValidation: StoredValue;
  seccId: StoredValue;
  countryName: StoredValue;
  organizationName: StoredValue;
  auth?: Component;
  authEnabled?: StoredValue;
  localAuthorizeOffline?: StoredValue;
  security?: Component;
  securityProfile?: StoredValue;
  pncOn: boolean;
  v2gOn: boolean;
}

/** Undefined when the config has no ISO15118Ctrlr component (then nothing about Plug&Charge is checked). */
export function pncSettings(tree: ConfigTree): PncSettings | undefined {
  const iso = findComponent(tree, 'ISO15118Ctrlr');
  if (!iso) return undefined;
  const auth = findComponent(tree, 'AuthCtrlr');
  const security = findComponent(tree, 'SecurityCtrlr');
  const pnc = storedValue(iso, 'PnCEnabled');
  const v2gInstall = storedValue(iso, 'V2GCertificateInstallationEnabled');
  return {
    iso,
    pnc,
    v2gInstall,
    contractInstall: storedValue(iso, 'ContractCertificateInstallationEnabled'),
    contractValidationOffline: storedValue(iso, 'ContractValidationOffline'),
    centralContractValidation: storedValue(iso, 'CentralContractValidationAllowed'),
    seccId: storedValue(iso, 'SeccId'),
    countryName: storedValue(iso, 'CountryName'),
    organizationName: storedValue(iso, 'OrganizationName'),
    auth,
    authEnabled: auth && storedValue(auth, 'Enabled'),
    localAuthorizeOffline: auth && storedValue(auth, 'LocalAuthorizeOffline'),
    security,
    securityProfile: security && storedValue(security, 'SecurityProfile'),
    pncOn: isTrue(pnc),
    v2gOn: isTrue(v2gInstall),
  };
}

/** Where a finding about this value points: the value, else its attribute or variable, else the file's properties. */
export const at = (v: StoredValue) => ({ file: v.file, pointer: v.variable ? v.pointer : '/properties' });

/** The related entry that names the switch turning Plug&Charge on. */
export const pncRelated = (s: PncSettings) => [{ ...at(s.pnc), message: 'ISO15118Ctrlr.PnCEnabled' }];
