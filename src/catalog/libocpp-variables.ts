// Variables on standardized components that libocpp itself defines and reads (lib/ocpp/v2/
// ctrlr_component_variables.cpp, and its OCPP 1.6 device-model backend, at EVerest aa8113f9) although one or
// both OCPP releases lack them. On a libocpp station they are deliberate, not misspellings, so the spec
// rules report them as info: the CSMS still sees them as vendor-specific.
const LIBOCPP_VARIABLES = new Set([
  'DisplayMessageCtrlr.QRCodeDisplayCapable',
  'DisplayMessageCtrlr.SupportedStates',
  'EVSE.DCInputPhaseControl',
  // read by libocpp's OCPP 1.6 backend on the device model only
  'NetworkConfiguration.HostName',
  'OCPPCommCtrlr.MessageTypesDiscardForQueueing',
  'SmartChargingCtrlr.ChargingProfilePersistence',
  'SmartChargingCtrlr.CompositeScheduleDefaultLimitAmps',
  'SmartChargingCtrlr.CompositeScheduleDefaultLimitWatts',
  'SmartChargingCtrlr.CompositeScheduleDefaultNumberPhases',
  'SmartChargingCtrlr.IgnoredProfilePurposesOffline',
  'SmartChargingCtrlr.MaxExternalConstraintsId',
  'SmartChargingCtrlr.SupplyVoltage',
  'SmartChargingCtrlr.SupportedAdditionalPurposes',
  'SmartChargingCtrlr.SupportsFeature',
  'SmartChargingCtrlr.UpdateRateLimit',
  'TariffCostCtrlr.NumberOfDecimalsForCostValues',
  // read by libocpp's OCPP 1.6 backend on the device model only (California pricing)
  'TariffCostCtrlr.OfflineChargingPrice',
  'TariffCostCtrlr.OfflineTariffFallbackMessage',
]);

// libocpp keeps the connection profiles of both releases in NetworkConfiguration slots (a 2.1 component).
const LIBOCPP_COMPONENTS = new Set(['NetworkConfiguration']);

// Components only libocpp defines (its own standardized/ files, in no OCPP appendix): what they declare is
// libocpp's choice, not the station maker's, so the spec rules weigh it less.
const LIBOCPP_OWN_COMPONENTS = new Set(['InternalCtrlr', 'OCPP16LegacyCtrlr']);

export const isLibocppOwnComponent = (component: string) => LIBOCPP_OWN_COMPONENTS.has(component);

export const isLibocppVariable = (component: string, variable: string) => LIBOCPP_VARIABLES.has(`${component}.${variable}`);
export const isLibocppComponent = (component: string) => LIBOCPP_COMPONENTS.has(component);

// What libocpp checks at start-up (DeviceModel::check_required_variables and the EVSE/connector checks in
// device_model.cpp, lists in ctrlr_component_variables.cpp at EVerest aa8113f9), for `ocppctl explain`.
const ALWAYS = 'required at start-up: libocpp refuses to start without it';
const gated = (gate: string) => `required at start-up when ${gate} is true`;
const LIBOCPP_REQUIRED: Record<string, string> = {
  ...Object.fromEntries(
    [
      'AlignedDataCtrlr.Interval',
      'AlignedDataCtrlr.Measurands',
      'AlignedDataCtrlr.TxEndedInterval',
      'AlignedDataCtrlr.TxEndedMeasurands',
      'SampledDataCtrlr.TxEndedMeasurands',
      'SampledDataCtrlr.TxEndedInterval',
      'SampledDataCtrlr.TxStartedMeasurands',
      'SampledDataCtrlr.TxUpdatedMeasurands',
      'SampledDataCtrlr.TxUpdatedInterval',
      'InternalCtrlr.NetworkConnectionProfiles',
      'InternalCtrlr.ChargeBoxSerialNumber',
      'InternalCtrlr.ChargePointModel',
      'InternalCtrlr.ChargePointVendor',
      'InternalCtrlr.FirmwareVersion',
      'InternalCtrlr.SupportedCiphers12',
      'InternalCtrlr.SupportedCiphers13',
      'InternalCtrlr.LogMessagesFormat',
      'InternalCtrlr.SupportedOcppVersions',
      'AuthCtrlr.AuthorizeRemoteStart',
      'AuthCtrlr.LocalAuthorizeOffline',
      'AuthCtrlr.LocalPreAuthorize',
      'ChargingStation.AvailabilityState',
      'ChargingStation.Available',
      'ChargingStation.SupplyPhases',
      'ClockCtrlr.DateTime',
      'ClockCtrlr.TimeSource',
      'DeviceDataCtrlr.BytesPerMessage',
      'DeviceDataCtrlr.ItemsPerMessage',
      'ISO15118Ctrlr.ContractValidationOffline',
      'OCPPCommCtrlr.FileTransferProtocols',
      'OCPPCommCtrlr.MessageTimeout',
      'OCPPCommCtrlr.MessageAttemptInterval',
      'OCPPCommCtrlr.MessageAttempts',
      'OCPPCommCtrlr.NetworkConfigurationPriority',
      'OCPPCommCtrlr.NetworkProfileConnectionAttempts',
      'OCPPCommCtrlr.OfflineThreshold',
      'OCPPCommCtrlr.ResetRetries',
      'OCPPCommCtrlr.RetryBackOffRandomRange',
      'OCPPCommCtrlr.RetryBackOffRepeatTimes',
      'OCPPCommCtrlr.RetryBackOffWaitMinimum',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect',
      'OCPPCommCtrlr.WebSocketPingInterval',
      'SecurityCtrlr.CertificateEntries',
      'SecurityCtrlr.Identity',
      'SecurityCtrlr.OrganizationName',
      'SecurityCtrlr.SecurityProfile',
      'TxCtrlr.EVConnectionTimeOut',
      'TxCtrlr.StopTxOnEVSideDisconnect',
      'TxCtrlr.StopTxOnInvalidId',
      'TxCtrlr.TxStartPoint',
      'TxCtrlr.TxStopPoint',
      'EVSE.Available',
      'EVSE.AvailabilityState',
      'EVSE.SupplyPhases',
      'Connector.Available',
      'Connector.AvailabilityState',
      'Connector.SupplyPhases',
      'Connector.ConnectorType',
    ].map((k) => [k, ALWAYS]),
  ),
  'EVSE.Power': 'required at start-up with a maxLimit (the value itself may be empty)',
  'OCPP16LegacyCtrlr.NumberOfConnectors':
    "required at start-up; when the config has no OCPP16LegacyCtrlr, EVerest's OCPP module adds libocpp's built-in one with NumberOfConnectors 1",
  ...Object.fromEntries(
    ['Entries', 'ItemsPerMessage', 'BytesPerMessage'].map((v) => [`LocalAuthListCtrlr.${v}`, gated('LocalAuthListCtrlr.Available')]),
  ),
  ...Object.fromEntries(
    [
      'ProfileStackLevel',
      'RateUnit',
      'PeriodsPerSchedule',
      'Entries',
      'LimitChangeSignificance',
      'CompositeScheduleDefaultLimitAmps',
      'CompositeScheduleDefaultLimitWatts',
      'CompositeScheduleDefaultNumberPhases',
      'SupplyVoltage',
    ].map((v) => [`SmartChargingCtrlr.${v}`, gated('SmartChargingCtrlr.Available')]),
  ),
  'TariffCostCtrlr.TariffFallbackMessage': gated('TariffCostCtrlr.Available[Tariff]'),
  'TariffCostCtrlr.TotalCostFallbackMessage': gated('TariffCostCtrlr.Available[Cost]'),
  'TariffCostCtrlr.Currency': gated('TariffCostCtrlr.Available[Cost]'),
  'MonitoringCtrlr.ItemsPerMessage': gated('MonitoringCtrlr.Available'),
  'MonitoringCtrlr.BytesPerMessage': gated('MonitoringCtrlr.Available'),
  ...Object.fromEntries(
    ['DisplayMessages', 'SupportedFormats', 'SupportedPriorities'].map((v) => [
      `DisplayMessageCtrlr.${v}`,
      gated('DisplayMessageCtrlr.Available'),
    ]),
  ),
  ...Object.fromEntries(
    ['Available', 'Enabled', 'SupportedEnergyTransferModes', 'SupportedOperationModes'].map((v) => [
      `V2XChargingCtrlr.${v}`,
      'required per EVSE when the EVSE has a V2XChargingCtrlr',
    ]),
  ),
  ...Object.fromEntries(
    ['OcppCsmsUrl', 'SecurityProfile', 'OcppInterface', 'OcppTransport', 'MessageTimeout', 'Identity', 'VpnEnabled', 'ApnEnabled'].map(
      (v) => [`NetworkConfiguration.${v}`, 'required in every slot libocpp reads as a connection profile'],
    ),
  ),
};

/** What libocpp requires of Component.Variable at start-up, when it requires it. */
export function libocppRequirement(component: string, variable: string): string | undefined {
  return LIBOCPP_REQUIRED[`${component}.${variable}`];
}
