import { componentsNamed } from '../../model/index.js';
import type { Component } from '../../model/index.js';
import { mappedEvse } from '../effective.js';
import { defineEverestRule } from '../rule.js';

// What EverestDeviceModelStorage (lib/everest/ocpp_module_common/src/device_model/everest_device_model_storage.cpp)
// defines for each EVSE the OCPP module reports (one connector each, as EvseManager reports) and for each mapped
// 15118 extension. The OCPP module registers it after libocpp's storage, so its values win, and
// ComposedDeviceModelStorage logs "Variable <v> of component <c> is defined in multiple device model storages".
const PER_EVSE: Record<string, readonly string[]> = {
  EVSE: ['Available', 'AvailabilityState', 'Power', 'SupplyPhases', 'AllowReset', 'ISO15118EvseId'],
  V2XChargingCtrlr: ['Available', 'Enabled', 'SupportedEnergyTransferModes', 'SupportedOperationModes'],
  ConnectedEV: [
    'Available',
    'VehicleId',
    'ProtocolAgreed',
    'VehicleCertificateLeaf',
    'VehicleCertificateSubCa1',
    'VehicleCertificateSubCa2',
    'VehicleCertificateRoot',
    'ProtocolSupportedByEV',
  ],
};
const CONNECTOR = ['Available', 'AvailabilityState', 'ConnectorType', 'SupplyPhases'];
const ISO15118 = ['Enabled', 'ServiceRenegotiationSupport', 'ProtocolSupported'];

export default defineEverestRule({
  id: 'everest-storage-override',
  severity: 'warning',
  description: "Device-model variables that the OCPP module's own EVerest storage defines too (its values win at run time)",
  check(ctx) {
    const tree = ctx.tree;
    const ocpp = ctx.ocpp[0];
    if (!tree || !ocpp) return;
    const conns = ocpp.connections.get('evse_manager') ?? [];
    const n = conns.length;
    const report = (c: Component, names: readonly string[], from: string, evse: number) => {
      for (const v of c.variables)
        if (names.includes(v.name))
          ctx.report({
            at: { file: c.source, pointer: v.pointer, atKey: true },
            message: `${c.key.name}.${v.name}${v.instance ? ` (instance ${v.instance})` : ''} of EVSE ${evse} is also defined by EVerest's own device-model storage (${from}), whose value wins; EVerest logs "Variable ${v.name} of component ${c.key.name} is defined in multiple device model storages"`,
            hint: 'EVerest fills this variable itself from the EvseManager; the value written here is not what the station reports',
            related: conns[evse - 1] ? [{ pointer: conns[evse - 1].pointer, message: `the EvseManager of EVSE ${evse}` }] : undefined,
          });
    };
    for (const [name, vars] of Object.entries(PER_EVSE))
      for (const c of componentsNamed(tree, name))
        if (c.key.evseId !== undefined && c.key.evseId >= 1 && c.key.evseId <= n && c.key.connectorId === undefined)
          report(c, vars, conns[c.key.evseId - 1].moduleId, c.key.evseId);
    for (const c of componentsNamed(tree, 'Connector'))
      if (c.key.evseId !== undefined && c.key.evseId >= 1 && c.key.evseId <= n && c.key.connectorId === 1)
        report(c, CONNECTOR, conns[c.key.evseId - 1].moduleId, c.key.evseId);
    const mapped = new Set<number>();
    for (const x of ocpp.connections.get('extensions_15118') ?? []) {
      const t = ctx.config.modules.get(x.moduleId);
      const e = t && mappedEvse(t, x.implementationId);
      if (e !== undefined) mapped.add(e);
    }
    for (const c of componentsNamed(tree, 'ISO15118Ctrlr'))
      if (c.key.evseId !== undefined && mapped.has(c.key.evseId) && c.key.connectorId === undefined)
        report(c, ISO15118, 'a mapped 15118 extension', c.key.evseId);
  },
});
