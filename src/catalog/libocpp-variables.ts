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

export const isLibocppVariable = (component: string, variable: string) => LIBOCPP_VARIABLES.has(`${component}.${variable}`);
export const isLibocppComponent = (component: string) => LIBOCPP_COMPONENTS.has(component);
