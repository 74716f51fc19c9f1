import type { DataType } from './catalog-data.js';

// libocpp compiles standardized/OCPP16LegacyCtrlr.json of its own source tree into the library and adds it
// when neither the config nor the database has an OCPP16LegacyCtrlr, so the OCPP 1.6 bridge always finds its
// keys. These are the facts of that component (EVerest aa8113f9) that reach the database: name, dataType,
// mutability, unit and default; every variable supports monitoring and has one Actual attribute.
export type LegacyCtrlrFact = [name: string, dataType: DataType, mutability: 'R' | 'RW', unit?: string, defaultValue?: string];

export const LEGACY_CTRLR_FACTS: readonly LegacyCtrlrFact[] = [
  ['BlinkRepeat', 'integer', 'RW'],
  ['ConnectorPhaseRotationMaxLength', 'integer', 'R'],
  ['GetConfigurationMaxKeys', 'integer', 'R', undefined, '1000'],
  ['LightIntensity', 'integer', 'RW', 'Percent'],
  ['MinimumStatusDuration', 'integer', 'RW', 's'],
  ['StopTransactionOnEVSideDisconnect', 'boolean', 'R'],
  ['SupportedFeatureProfiles', 'string', 'R', undefined, 'Core'],
  ['SupportedFeatureProfilesMaxLength', 'integer', 'R'],
  ['UnlockConnectorOnEVSideDisconnect', 'boolean', 'RW', undefined, 'true'],
  ['ReserveConnectorZeroSupported', 'boolean', 'R'],
  ['AllowChargingProfileWithoutStartSchedule', 'boolean', 'RW'],
  ['RejectRemoteStartTransactionWithoutConnectorId', 'boolean', 'RW', undefined, 'false'],
  ['RemoteStartTransactionWithoutConnectorIdFindFirst', 'boolean', 'RW', undefined, 'false'],
  ['WaitForStopTransactionsOnResetTimeout', 'integer', 'RW', 's', '60'],
  ['SwitchSecurityProfileConnectionTimeout', 'integer', 'RW', 's'],
  ['StopTransactionIfUnlockNotSupported', 'boolean', 'RW', undefined, 'false'],
  ['MeterPublicKeys', 'string', 'R'],
  ['DisableSecurityEventNotifications', 'boolean', 'RW', undefined, 'false'],
  ['ISO15118CertificateManagementEnabled', 'boolean', 'RW', undefined, 'false'],
  ['CustomDisplayCostAndPrice', 'boolean', 'R'],
  ['DefaultPrice', 'string', 'RW'],
  ['DefaultPriceText', 'string', 'RW'],
  ['CustomIdleFeeAfterStop', 'boolean', 'RW'],
  ['SupportedLanguages', 'string', 'R'],
  ['CustomMultiLanguageMessages', 'boolean', 'R'],
  ['Language', 'string', 'RW'],
  ['WaitForSetUserPriceTimeout', 'integer', 'RW', 'ms'],
  ['NumberOfConnectors', 'integer', 'R', undefined, '1'],
  ['ConnectorEvseIds', 'string', 'RW'],
  ['ConnectorPhaseRotation', 'string', 'RW', undefined, 'Unknown'],
  ['ExampleConfigurationKey', 'string', 'RW'],
  ['ReportClearedErrors', 'boolean', 'R', undefined, 'false'],
];

export const LEGACY_CTRLR = 'OCPP16LegacyCtrlr';

/** NumberOfConnectors of the built-in component: what libocpp's OCPP 1.6 bridge reports when the config has none. */
export const LEGACY_CTRLR_CONNECTORS = Number(LEGACY_CTRLR_FACTS.find(([name]) => name === 'NumberOfConnectors')![4]);
