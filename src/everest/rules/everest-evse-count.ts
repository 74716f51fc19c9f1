import { componentsNamed } from '../../model/index.js';
import { defineEverestRule } from '../rule.js';

// libocpp's DeviceModel::check_integrity compares the device model with the EVSEs the OCPP module reports
// (one per evse_manager connection, one connector each) and stops the station with "Number of EVSE configured
// in device model is incompatible with number of configured EVSEs of the ChargePoint" (or the Connector twin).
export default defineEverestRule({
  id: 'everest-evse-count',
  severity: 'error',
  description: 'The device model has one EVSE component per evse_manager connection of the OCPP module, each with one Connector',
  check(ctx) {
    const tree = ctx.tree;
    const ocpp = ctx.ocpp[0];
    if (!tree || !ocpp) return;
    const list = { pointer: `${ocpp.pointer}/connections/evse_manager`, atKey: true };
    const n = (ocpp.connections.get('evse_manager') ?? []).length;
    const evses = componentsNamed(tree, 'EVSE').filter((c) => c.key.evseId !== undefined && c.key.connectorId === undefined);
    const connectors = componentsNamed(tree, 'Connector').filter((c) => c.key.evseId !== undefined && c.key.connectorId !== undefined);
    if (evses.length !== n) {
      const surplus = evses.filter((e) => e.key.evseId! > n);
      ctx.report({
        at: list,
        message: `${ocpp.id} wires ${n} EvseManager${n === 1 ? '' : 's'} but the device model has ${evses.length} EVSE component${evses.length === 1 ? '' : 's'}; libocpp stops with "Number of EVSE configured in device model is incompatible with number of configured EVSEs of the ChargePoint"`,
        hint:
          evses.length > n
            ? 'remove the surplus EVSE (and its Connector) files or wire their EvseManagers'
            : `add EVSE_N.json and Connector_N_1.json up to EVSE ${n}`,
        related: surplus.map((e) => ({ file: e.source, pointer: '', message: `EVSE ${e.key.evseId} has no EvseManager` })),
      });
      for (const e of surplus)
        ctx.report({
          at: { file: e.source, pointer: '/evse_id' },
          message: `EVSE ${e.key.evseId} has no EvseManager: ${ocpp.id} in ${ctx.config.main.file} wires ${n}`,
          related: [{ ...list, message: 'the evse_manager connections' }],
        });
    }
    for (let evse = 1; evse <= n; evse++) {
      const own = connectors.filter((c) => c.key.evseId === evse);
      if (own.length === 1 || !evses.some((e) => e.key.evseId === evse)) continue;
      ctx.report({
        at: own.length ? { file: own[1].source, pointer: '/connector_id' } : { pointer: `${list.pointer}/${evse - 1}` },
        message: `EVSE ${evse} has ${own.length} Connector components but its EvseManager reports one connector; libocpp stops with "Number of Connectors configured in device model is incompatible with number of configured Connectors of the ChargePoint"`,
        hint: own.length ? `keep only Connector_${evse}_1` : `add custom/Connector_${evse}_1.json`,
      });
    }
    for (const c of connectors)
      if (c.key.evseId! > n)
        ctx.report({
          at: { file: c.source, pointer: '/evse_id' },
          message: `Connector ${c.key.evseId}/${c.key.connectorId} belongs to EVSE ${c.key.evseId}, which ${ocpp.id} does not wire (it has ${n} evse_manager connection${n === 1 ? '' : 's'})`,
          related: [{ ...list, message: 'the evse_manager connections' }],
        });
  },
});
