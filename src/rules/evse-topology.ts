import { componentsNamed, describeKey } from '../model/index.js';
import type { Component } from '../model/index.js';
import { storedValue } from '../model/slots/read.js';
import { defineRule } from './rule.js';
import type { RuleContext } from './rule.js';

// DeviceModel::check_integrity (lib/ocpp/v2/device_model.cpp) looks each one up with a value in the Actual
// attribute; EVSE.Power needs characteristics.maxLimit instead (ctrlr_component_variables.cpp lists).
const EVSE_VARIABLES = ['Available', 'AvailabilityState', 'SupplyPhases'];
const CONNECTOR_VARIABLES = ['Available', 'AvailabilityState', 'SupplyPhases', 'ConnectorType'];
const V2X_VARIABLES = ['Available', 'Enabled', 'SupportedEnergyTransferModes', 'SupportedOperationModes'];

export default defineRule({
  id: 'evse-topology',
  severity: 'error',
  description:
    'EVSE and Connector components are numbered from 1 without gaps, each connector in an existing EVSE, with the variables libocpp needs',
  check(ctx) {
    const evses = new Map<number, Component>();
    for (const evse of componentsNamed(ctx.tree, 'EVSE')) {
      const { evseId, connectorId, instance } = evse.key;
      if (evseId === undefined || connectorId !== undefined || instance !== undefined) {
        ctx.report({
          file: evse.source,
          pointer: '',
          message: `${describeKey(evse.key)}: libocpp looks an EVSE up by evse_id alone, so an EVSE needs evse_id and no connector_id or instance`,
          hint: 'give the EVSE "evse_id": 1 (2, …) and remove connector_id and instance',
        });
        continue;
      }
      evses.set(evseId, evse);
    }
    const first = ctx.tree.files[0];
    if (evses.size === 0) {
      if (first)
        ctx.report({
          file: first,
          pointer: '',
          message:
            'there is no EVSE component; libocpp refuses to start unless every EVSE of the station has one (EVSE with evse_id 1, 2, …)',
          hint: 'add custom/EVSE_1.json and custom/Connector_1_1.json',
        });
    }
    reportGaps(
      ctx,
      [...evses.keys()],
      (n) => evses.get(n)!,
      (missing) => `no EVSE ${missing}: EVSE components must be numbered 1, 2, … without gaps, as OCPP numbers EVSEs`,
    );

    const connectors = new Map<number, Map<number, Component>>();
    for (const connector of componentsNamed(ctx.tree, 'Connector')) {
      const { evseId, connectorId, instance } = connector.key;
      if (evseId === undefined || connectorId === undefined || instance !== undefined) {
        ctx.report({
          file: connector.source,
          pointer: '',
          message: `${describeKey(connector.key)}: libocpp looks a connector up by evse_id and connector_id, so a Connector needs both and no instance`,
          hint: 'give the connector "evse_id" and "connector_id" (1, 2, … within its EVSE)',
        });
        continue;
      }
      if (!evses.has(evseId)) {
        ctx.report({
          file: connector.source,
          pointer: '/evse_id',
          message: `Connector ${connectorId} belongs to EVSE ${evseId}, which has no EVSE component`,
          hint: `add an EVSE component with "evse_id": ${evseId}, or move the connector to an existing EVSE`,
        });
      }
      const list = connectors.get(evseId) ?? new Map<number, Component>();
      list.set(connectorId, connector);
      connectors.set(evseId, list);
    }
    for (const [evseId, list] of connectors) {
      reportGaps(
        ctx,
        [...list.keys()],
        (n) => list.get(n)!,
        (missing) => `EVSE ${evseId} has no connector ${missing}: connectors are numbered 1, 2, … within each EVSE`,
        '/connector_id',
      );
    }

    for (const [evseId, evse] of evses) {
      if (!connectors.has(evseId)) {
        ctx.report({
          file: evse.source,
          pointer: '/evse_id',
          message: `EVSE ${evseId} has no Connector component; libocpp needs one per connector of the EVSE`,
          hint: `add a Connector with "evse_id": ${evseId} and "connector_id": 1`,
        });
      }
      for (const name of EVSE_VARIABLES) requireValue(ctx, evse, name, `EVSE ${evseId}`);
      const power = evse.variables.find((v) => v.name === 'Power' && v.instance === undefined);
      const ch = power?.data.characteristics as Record<string, unknown> | undefined;
      if (!power) {
        ctx.report({
          ...propertiesOf(evse),
          message: `EVSE ${evseId} has no Power variable; libocpp refuses to start without it`,
          hint: "add Power (decimal, unit W) with characteristics.maxLimit set to the EVSE's maximum power",
        });
      } else if (typeof ch?.maxLimit !== 'number') {
        ctx.report({
          file: evse.source,
          pointer: power.pointer,
          atKey: true,
          message: `EVSE ${evseId} Power has no characteristics.maxLimit; libocpp reads the EVSE's maximum power from it and refuses to start without it`,
          hint: 'set characteristics.maxLimit to the maximum power in W',
        });
      }
    }
    for (const list of connectors.values()) {
      for (const [connectorId, connector] of list) {
        for (const name of CONNECTOR_VARIABLES)
          requireValue(ctx, connector, name, `Connector ${connectorId} of EVSE ${connector.key.evseId}`);
      }
    }
    checkV2x(ctx, evses);
  },
});

function checkV2x(ctx: RuleContext, evses: Map<number, Component>) {
  const v2x = componentsNamed(ctx.tree, 'V2XChargingCtrlr').filter(
    (c) => c.key.evseId !== undefined && c.key.connectorId === undefined && c.key.instance === undefined,
  );
  // libocpp checks every EVSE's V2X component once any EVSE's V2XChargingCtrlr.Available is true
  const anyAvailable = v2x.some((c) => evses.has(c.key.evseId!) && storedValue(c, 'Available').value?.toLowerCase() === 'true');
  if (!anyAvailable) return;
  for (const c of v2x) {
    if (!evses.has(c.key.evseId!)) continue;
    for (const name of V2X_VARIABLES) requireValue(ctx, c, name, `V2XChargingCtrlr of EVSE ${c.key.evseId}`);
  }
}

function reportGaps(
  ctx: RuleContext,
  ids: number[],
  at: (n: number) => Component,
  message: (missing: string) => string,
  pointer = '/evse_id',
) {
  let expected = 1;
  for (const n of [...new Set(ids)].sort((a, b) => a - b)) {
    if (n < 1) {
      ctx.report({
        file: at(n).source,
        pointer,
        message: `${pointer.slice(1)} ${n} is below 1; OCPP numbers EVSEs and connectors from 1`,
        hint: 'number from 1',
      });
      continue;
    }
    // each gap is reported once, at the first component after it
    if (n > expected) {
      ctx.report({
        file: at(n).source,
        pointer,
        message: message(n - 1 === expected ? `${expected}` : `${expected} to ${n - 1}`),
        hint: 'renumber from 1 without gaps',
      });
    }
    expected = n + 1;
  }
}

function requireValue(ctx: RuleContext, component: Component, name: string, label: string) {
  const value = storedValue(component, name);
  if (value.variable && value.present) return;
  ctx.report({
    ...(value.variable ? { file: value.file, pointer: value.pointer } : propertiesOf(component)),
    message: value.variable
      ? `${label} ${name} has no value; libocpp refuses to start without it`
      : `${label} has no ${name} variable; libocpp refuses to start without it`,
    hint: value.variable
      ? 'give it a value (attribute value, or default for the Actual attribute)'
      : `add ${name}; see ocppctl explain ${component.key.name}.${name}`,
  });
}

function propertiesOf(component: Component) {
  const has = typeof component.data.properties === 'object' && component.data.properties !== null;
  return { file: component.source, pointer: has ? '/properties' : '', atKey: has };
}
