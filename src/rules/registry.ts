import type { Rule } from './rule.js';
import jsonSyntax from './json-syntax.js';
import duplicateKey from './duplicate-key.js';
import ignoredFile from './ignored-file.js';
import componentSchema from './component-schema.js';
import attributeDuplicateType from './attribute-duplicate-type.js';
import attributeWithoutType from './attribute-without-type.js';
import dataType from './data-type.js';
import duplicateComponent from './duplicate-component.js';
import duplicateVariable from './duplicate-variable.js';
import duplicatedOnBoot from './duplicated-on-boot.js';
import monitors from './monitors.js';
import nameLength from './name-length.js';
import valueInList from './value-in-list.js';
import valueLimits from './value-limits.js';
import valueStyle from './value-style.js';
import valueType from './value-type.js';
import specDataType from './spec-data-type.js';
import specOtherRelease from './spec-other-release.js';
import specRequiredVariable from './spec-required-variable.js';
import specUnit from './spec-unit.js';
import specUnitOfMeasure from './spec-unit-of-measure.js';
import specUnknownVariable from './spec-unknown-variable.js';
import evseTopology from './evse-topology.js';
import legacyBlob from './legacy-blob.js';
import passwordLength from './password-length.js';
import priorityValuesList from './priority-values-list.js';
import requiredLibocpp from './required-libocpp.js';
import securityProfileDowngrade from './security-profile-downgrade.js';
import securityProfileZero from './security-profile-zero.js';
import slotCount from './slot-count.js';
import slotIncomplete from './slot-incomplete.js';
import slotMissing from './slot-missing.js';
import slotPassword from './slot-password.js';
import pncAuthDisabled from './pnc-auth-disabled.js';
import pncContractInstallation from './pnc-contract-installation.js';
import pncCountryName from './pnc-country-name.js';
import pncCsrFields from './pnc-csr-fields.js';
import pncOffline from './pnc-offline.js';
import pncSeccCertificate from './pnc-secc-certificate.js';
import pncSecurityProfile from './pnc-security-profile.js';
import identityFormat from './identity-format.js';
import slotFileName from './slot-file-name.js';
import urlIdentity from './url-identity.js';
import urlScheme from './url-scheme.js';

// One line per rule, sorted by id. A rule's file, docs page (docs/rules/<id>.md) and test
// (test/rules/<id>.test.ts) share its id; test/rules/registry.test.ts checks all three exist.
export const rules: readonly Rule[] = [
  attributeDuplicateType,
  attributeWithoutType,
  dataType,
  duplicateComponent,
  duplicateVariable,
  duplicatedOnBoot,
  monitors,
  nameLength,
  valueInList,
  valueLimits,
  valueStyle,
  valueType,
  componentSchema,
  duplicateKey,
  ignoredFile,
  jsonSyntax,
  specDataType,
  specOtherRelease,
  specRequiredVariable,
  specUnit,
  specUnitOfMeasure,
  specUnknownVariable,
  evseTopology,
  legacyBlob,
  passwordLength,
  pncAuthDisabled,
  pncContractInstallation,
  pncCountryName,
  pncCsrFields,
  pncOffline,
  pncSeccCertificate,
  pncSecurityProfile,
  priorityValuesList,
  requiredLibocpp,
  securityProfileDowngrade,
  securityProfileZero,
  slotCount,
  slotIncomplete,
  slotMissing,
  slotPassword,
  urlIdentity,
  urlScheme,
  identityFormat,
  slotFileName,
].sort((a, b) => (a.id < b.id ? -1 : 1));
