import { LEGACY_CTRLR, LEGACY_CTRLR_CONNECTORS, LEGACY_CTRLR_FACTS } from '../catalog/legacy-ctrlr.js';
import { componentsNamed, findComponent } from '../model/index.js';
import type { Component, ConfigTree, SourceFile } from '../model/index.js';
import { splitList, storedValue } from '../model/slots/read.js';
import { defineRule } from './rule.js';
import type { RuleContext } from './rule.js';

type Required = readonly [component: string, variable: string, instance?: string];

// libocpp's required_variables (lib/ocpp/v2/ctrlr_component_variables.cpp at EVerest aa8113f9): checked by
// DeviceModel::check_required_variables at start-up; a missing variable or value stops the charge point.
// All are required for both OCPP 2.0.1 and 2.1.
const ALWAYS: readonly Required[] = [
  ['AlignedDataCtrlr', 'Interval'],
  ['AlignedDataCtrlr', 'Measurands'],
  ['AlignedDataCtrlr', 'TxEndedInterval'],
  ['AlignedDataCtrlr', 'TxEndedMeasurands'],
  ['SampledDataCtrlr', 'TxEndedMeasurands'],
  ['SampledDataCtrlr', 'TxEndedInterval'],
  ['SampledDataCtrlr', 'TxStartedMeasurands'],
  ['SampledDataCtrlr', 'TxUpdatedMeasurands'],
  ['SampledDataCtrlr', 'TxUpdatedInterval'],
  ['InternalCtrlr', 'NetworkConnectionProfiles'],
  ['InternalCtrlr', 'ChargeBoxSerialNumber'],
  ['InternalCtrlr', 'ChargePointModel'],
  ['InternalCtrlr', 'ChargePointVendor'],
  ['InternalCtrlr', 'FirmwareVersion'],
  ['InternalCtrlr', 'SupportedCiphers12'],
  ['InternalCtrlr', 'SupportedCiphers13'],
  ['InternalCtrlr', 'LogMessagesFormat'],
  ['OCPP16LegacyCtrlr', 'NumberOfConnectors'],
  ['InternalCtrlr', 'SupportedOcppVersions'],
  ['AuthCtrlr', 'AuthorizeRemoteStart'],
  ['AuthCtrlr', 'LocalAuthorizeOffline'],
  ['AuthCtrlr', 'LocalPreAuthorize'],
  ['ChargingStation', 'AvailabilityState'],
  ['ChargingStation', 'Available'],
  ['ChargingStation', 'SupplyPhases'],
  ['ClockCtrlr', 'DateTime'],
  ['ClockCtrlr', 'TimeSource'],
  ['DeviceDataCtrlr', 'BytesPerMessage', 'GetReport'],
  ['DeviceDataCtrlr', 'BytesPerMessage', 'GetVariables'],
  ['DeviceDataCtrlr', 'BytesPerMessage', 'SetVariables'],
  ['DeviceDataCtrlr', 'ItemsPerMessage', 'GetReport'],
  ['DeviceDataCtrlr', 'ItemsPerMessage', 'GetVariables'],
  ['DeviceDataCtrlr', 'ItemsPerMessage', 'SetVariables'],
  ['ISO15118Ctrlr', 'ContractValidationOffline'],
  ['OCPPCommCtrlr', 'FileTransferProtocols'],
  ['OCPPCommCtrlr', 'MessageTimeout', 'Default'],
  ['OCPPCommCtrlr', 'MessageAttemptInterval', 'TransactionEvent'],
  ['OCPPCommCtrlr', 'MessageAttempts', 'TransactionEvent'],
  ['OCPPCommCtrlr', 'NetworkConfigurationPriority'],
  ['OCPPCommCtrlr', 'NetworkProfileConnectionAttempts'],
  ['OCPPCommCtrlr', 'OfflineThreshold'],
  ['OCPPCommCtrlr', 'ResetRetries'],
  ['OCPPCommCtrlr', 'RetryBackOffRandomRange'],
  ['OCPPCommCtrlr', 'RetryBackOffRepeatTimes'],
  ['OCPPCommCtrlr', 'RetryBackOffWaitMinimum'],
  ['OCPPCommCtrlr', 'UnlockOnEVSideDisconnect'],
  ['OCPPCommCtrlr', 'WebSocketPingInterval'],
  ['SecurityCtrlr', 'CertificateEntries'],
  ['SecurityCtrlr', 'Identity'],
  ['SecurityCtrlr', 'OrganizationName'],
  ['SecurityCtrlr', 'SecurityProfile'],
  ['TxCtrlr', 'EVConnectionTimeOut'],
  ['TxCtrlr', 'StopTxOnEVSideDisconnect'],
  ['TxCtrlr', 'StopTxOnInvalidId'],
  ['TxCtrlr', 'TxStartPoint'],
  ['TxCtrlr', 'TxStopPoint'],
];

// required_component_available_variables: required only while the gate variable reads true.
const WHEN_AVAILABLE: readonly { gate: Required; required: readonly Required[] }[] = [
  {
    gate: ['LocalAuthListCtrlr', 'Available'],
    required: [
      ['LocalAuthListCtrlr', 'Entries'],
      ['LocalAuthListCtrlr', 'ItemsPerMessage'],
      ['LocalAuthListCtrlr', 'BytesPerMessage'],
    ],
  },
  {
    gate: ['SmartChargingCtrlr', 'Available'],
    required: [
      ['SmartChargingCtrlr', 'ProfileStackLevel'],
      ['SmartChargingCtrlr', 'RateUnit'],
      ['SmartChargingCtrlr', 'PeriodsPerSchedule'],
      ['SmartChargingCtrlr', 'Entries', 'ChargingProfiles'],
      ['SmartChargingCtrlr', 'LimitChangeSignificance'],
      ['SmartChargingCtrlr', 'CompositeScheduleDefaultLimitAmps'],
      ['SmartChargingCtrlr', 'CompositeScheduleDefaultLimitWatts'],
      ['SmartChargingCtrlr', 'CompositeScheduleDefaultNumberPhases'],
      ['SmartChargingCtrlr', 'SupplyVoltage'],
    ],
  },
  { gate: ['TariffCostCtrlr', 'Available', 'Tariff'], required: [['TariffCostCtrlr', 'TariffFallbackMessage']] },
  {
    gate: ['TariffCostCtrlr', 'Available', 'Cost'],
    required: [
      ['TariffCostCtrlr', 'TotalCostFallbackMessage'],
      ['TariffCostCtrlr', 'Currency'],
    ],
  },
  {
    gate: ['MonitoringCtrlr', 'Available'],
    required: [
      ['MonitoringCtrlr', 'ItemsPerMessage', 'SetVariableMonitoring'],
      ['MonitoringCtrlr', 'BytesPerMessage', 'SetVariableMonitoring'],
    ],
  },
  {
    gate: ['DisplayMessageCtrlr', 'Available'],
    required: [
      ['DisplayMessageCtrlr', 'DisplayMessages'],
      ['DisplayMessageCtrlr', 'SupportedFormats'],
      ['DisplayMessageCtrlr', 'SupportedPriorities'],
    ],
  },
];

const label = ([c, v, i]: Required) => `${c}.${v}${i !== undefined ? ` (instance ${i})` : ''}`;

export default defineRule({
  id: 'required-libocpp',
  severity: 'error',
  description: 'libocpp refuses to start without these variables and their values (some only while their controller is Available)',
  check(ctx) {
    const internal = findComponent(ctx.tree, 'InternalCtrlr');
    const versions = internal ? storedValue(internal, 'SupportedOcppVersions') : undefined;
    if (versions?.present) {
      // get_ocpp_protocol_versions: unknown names are skipped; an empty result stops libocpp
      const known = splitList(versions.value!).filter((v) => v === 'ocpp1.6' || v === 'ocpp2.0.1' || v === 'ocpp2.1' || v === 'unknown');
      if (known.length === 0) {
        ctx.report({
          file: versions.file,
          pointer: versions.pointer,
          message: `InternalCtrlr.SupportedOcppVersions "${versions.value}" names no OCPP version libocpp knows; it refuses to start`,
          hint: 'use ocpp2.1,ocpp2.0.1 (or one of them)',
        });
        return;
      }
      // the lists are required for 2.0.1 and 2.1 only; a station offering neither is checked no further
      if (!known.includes('ocpp2.0.1') && !known.includes('ocpp2.1')) return;
    }
    const absent = new Map<string, string[]>();
    for (const req of ALWAYS) {
      if (findComponent(ctx.tree, req[0])) requireValue(ctx, req, 'libocpp refuses to start without it');
      // EVerest's OCPP module adds libocpp's built-in OCPP16LegacyCtrlr when the config has none (as init-db does)
      else if (req[0] === LEGACY_CTRLR) continue;
      else absent.set(req[0], [...(absent.get(req[0]) ?? []), label(req).slice(req[0].length + 1)]);
    }
    // gated lists never need a missing component: its Available cannot be true
    for (const { gate, required } of WHEN_AVAILABLE) {
      const component = findComponent(ctx.tree, gate[0]);
      const available = component ? storedValue(component, gate[1], gate[2]) : undefined;
      if (!available?.present || available.value!.toLowerCase() !== 'true') continue;
      for (const req of required) requireValue(ctx, req, `libocpp requires it at start-up because ${label(gate)} is true`, gate);
    }
    const file = anchorFile(ctx.tree);
    if (!file) return;
    if (!findComponent(ctx.tree, LEGACY_CTRLR)) reportInjectedLegacyCtrlr(ctx, file);
    for (const [name, variables] of absent) {
      ctx.report({
        file,
        pointer: '',
        message: `there is no ${name} component; libocpp refuses to start without its ${variables.join(', ')}`,
        hint: `add standardized/${name}.json with these variables; see ocppctl explain ${name}`,
      });
    }
  },
});

const injectedDefaults = LEGACY_CTRLR_FACTS.filter((f) => f[4] !== undefined && f[0] !== 'NumberOfConnectors')
  .map(([name, , , , value]) => `${name} ${value}`)
  .join(', ');

function reportInjectedLegacyCtrlr(ctx: RuleContext, file: SourceFile) {
  ctx.report({
    file,
    pointer: '',
    severity: 'info',
    message:
      `there is no ${LEGACY_CTRLR} component; EVerest's OCPP module adds libocpp's built-in one at start-up ` +
      `(as ocppctl init-db does), with NumberOfConnectors ${LEGACY_CTRLR_CONNECTORS} and ${injectedDefaults}`,
    hint: `add standardized/${LEGACY_CTRLR}.json (as EVerest ships it) to choose these values yourself`,
  });
  const connectors = componentsNamed(ctx.tree, 'Connector');
  if (!connectors.length || connectors.length === LEGACY_CTRLR_CONNECTORS) return;
  ctx.report({
    file: connectors[0].source,
    pointer: '',
    severity: 'warning',
    message:
      `the station has ${connectors.length} Connector components, but the ${LEGACY_CTRLR} libocpp adds says NumberOfConnectors ` +
      `${LEGACY_CTRLR_CONNECTORS}; libocpp's OCPP 1.6 side reads its connector count from there`,
    hint: `add standardized/${LEGACY_CTRLR}.json with NumberOfConnectors ${connectors.length} (ocppctl explain ${LEGACY_CTRLR}.NumberOfConnectors)`,
  });
}

function requireValue(ctx: RuleContext, req: Required, why: string, gate?: Required) {
  const [name, variable, instance] = req;
  const gateHint = gate ? `, or set ${label(gate)} to false if the station does not implement it` : '';
  const component = findComponent(ctx.tree, name)!;
  const value = storedValue(component, variable, instance);
  if (value.variable && value.present) return;
  ctx.report({
    ...(value.variable ? { file: value.file, pointer: value.pointer } : propertiesOf(component)),
    message: value.variable
      ? `${label(req)} has no value; ${why}`
      : `${name} has no ${variable}${instance !== undefined ? ` with instance ${instance}` : ''}; ${why}`,
    hint: value.variable
      ? `give it a value (attribute value, or default for the Actual attribute)${gateHint}`
      : `add ${variable}; see ocppctl explain ${name}.${variable}${gateHint}`,
  });
}

function propertiesOf(component: Component) {
  const has = typeof component.data.properties === 'object' && component.data.properties !== null;
  return { file: component.source, pointer: has ? '/properties' : '', atKey: has };
}

// A missing component has no file of its own; point at the tree's first file so editors still show the finding.
const anchorFile = (tree: ConfigTree): SourceFile | undefined => tree.files[0];
