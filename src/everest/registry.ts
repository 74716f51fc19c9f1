import type { EverestRule } from './rule.js';
import everest15118Mapping from './rules/everest-15118-mapping.js';
import everestAuthWiring from './rules/everest-auth-wiring.js';
import everestCompositeSchedule from './rules/everest-composite-schedule.js';
import everestConfigSchema from './rules/everest-config-schema.js';
import everestConfigUnknownKey from './rules/everest-config-unknown-key.js';
import everestConfigValue from './rules/everest-config-value.js';
import everestConnection from './rules/everest-connection.js';
import everestDeviceModelPath from './rules/everest-device-model-path.js';
import everestEnergySinkCoverage from './rules/everest-energy-sink-coverage.js';
import everestEnergySinkMapping from './rules/everest-energy-sink-mapping.js';
import everestEvseCount from './rules/everest-evse-count.js';
import everestEvseMapping from './rules/everest-evse-mapping.js';
import everestEvseOrder from './rules/everest-evse-order.js';
import everestGridSupportMapping from './rules/everest-grid-support-mapping.js';
import everestHlcDisabled from './rules/everest-hlc-disabled.js';
import everestMessageLogPath from './rules/everest-message-log-path.js';
import everestModuleUnknown from './rules/everest-module-unknown.js';
import everestOcppModuleCount from './rules/everest-ocpp-module-count.js';
import everestOcpp16ConfigPath from './rules/everest-ocpp16-config-path.js';
import everestOcpp16Slot from './rules/everest-ocpp16-slot.js';
import everestOcpp201Deprecated from './rules/everest-ocpp201-deprecated.js';
import everestPncAuth from './rules/everest-pnc-auth.js';
import everestPncExtensions from './rules/everest-pnc-extensions.js';
import everestPncHlc from './rules/everest-pnc-hlc.js';
import everestPncMoRoot from './rules/everest-pnc-mo-root.js';
import everestPncV2g from './rules/everest-pnc-v2g.js';
import everestReservation from './rules/everest-reservation.js';
import everestStorageOverride from './rules/everest-storage-override.js';
import everestSystemSimulation from './rules/everest-system-simulation.js';
import everestUserConfig from './rules/everest-user-config.js';
import everestVolatilePath from './rules/everest-volatile-path.js';
import everestYaml from './rules/everest-yaml.js';

// One line per EVerest rule, sorted by id; like src/rules, id = file name = docs/rules/<id>.md, and the test is
// test/everest/rules/<id>.test.ts (test/everest/registry.test.ts checks all three exist).
export const everestRules: readonly EverestRule[] = [
  everest15118Mapping,
  everestAuthWiring,
  everestCompositeSchedule,
  everestConfigSchema,
  everestConfigUnknownKey,
  everestConfigValue,
  everestConnection,
  everestDeviceModelPath,
  everestEnergySinkCoverage,
  everestEnergySinkMapping,
  everestEvseCount,
  everestEvseMapping,
  everestEvseOrder,
  everestGridSupportMapping,
  everestHlcDisabled,
  everestMessageLogPath,
  everestModuleUnknown,
  everestOcppModuleCount,
  everestOcpp16ConfigPath,
  everestOcpp16Slot,
  everestOcpp201Deprecated,
  everestPncAuth,
  everestPncExtensions,
  everestPncHlc,
  everestPncMoRoot,
  everestPncV2g,
  everestReservation,
  everestStorageOverride,
  everestSystemSimulation,
  everestUserConfig,
  everestVolatilePath,
  everestYaml,
].sort((a, b) => (a.id < b.id ? -1 : 1));
