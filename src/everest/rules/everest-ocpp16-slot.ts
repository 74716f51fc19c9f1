import { findComponent, findVariable } from '../../model/index.js';
import { effective } from '../effective.js';
import { defineEverestRule } from '../rule.js';

// OCPPmulti migrates the OCPP 1.6 connection details into NetworkConfiguration_<Ocpp16NetworkConfigSlot> once; its
// manifest: the slot must exist as a component, be listed in NetworkConfigurationPriority and in its valuesList
// ("otherwise the migration of network connection details is skipped with an error log").
export default defineEverestRule({
  id: 'everest-ocpp16-slot',
  severity: 'error',
  description:
    "OCPPmulti's Ocpp16NetworkConfigSlot names a NetworkConfiguration slot of the device model that NetworkConfigurationPriority's valuesList allows",
  check(ctx) {
    const tree = ctx.tree;
    for (const m of ctx.ocpp) {
      if (m.type !== 'OCPPmulti' || !tree) continue;
      const slot = effective(m, 'Ocpp16NetworkConfigSlot', ctx.facts);
      if (typeof slot.value !== 'number' || slot.value === 0) continue;
      const at = { pointer: slot.pointer, atKey: true };
      if (!findComponent(tree, 'NetworkConfiguration', { instance: String(slot.value) })) {
        ctx.report({
          at,
          message: `Ocpp16NetworkConfigSlot ${slot.value}${slot.from === 'default' ? ' (the default)' : ''}: the device model has no NetworkConfiguration slot ${slot.value}; the OCPP 1.6 connection details are not migrated ("migration of network connection details is skipped with an error log")`,
          hint: `add the slot (ocppctl add-slot --slot ${slot.value}) or set Ocpp16NetworkConfigSlot to an existing slot`,
        });
        continue;
      }
      const priority = findVariable(findComponent(tree, 'OCPPCommCtrlr'), 'NetworkConfigurationPriority');
      const chars = priority?.data.characteristics as { valuesList?: unknown } | undefined;
      const list = typeof chars?.valuesList === 'string' ? chars.valuesList.split(',').map((s) => s.trim()) : undefined;
      if (priority && list && !list.includes(String(slot.value)))
        ctx.report({
          at,
          message: `Ocpp16NetworkConfigSlot ${slot.value} is not in NetworkConfigurationPriority's valuesList (${list.join(',')}); OCPPmulti logs a warning and the migrated profile cannot be put in the priority list at run time`,
          related: [{ file: priority.component.source, pointer: `${priority.pointer}/characteristics/valuesList`, message: 'valuesList' }],
        });
    }
  },
});
