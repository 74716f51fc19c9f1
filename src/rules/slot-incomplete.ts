import { slotView } from '../model/slots/slot-view.js';
import type { SlotRecord } from '../model/slots/read.js';
import { defineRule } from './rule.js';
import type { Finding } from './rule.js';

export default defineRule({
  id: 'slot-incomplete',
  severity: 'error',
  description: 'A slot in NetworkConfigurationPriority lacks a value libocpp needs, or holds one it cannot read',
  check(ctx) {
    const { priority, bySlot, blob, slots } = slotView(ctx.tree);
    for (const n of new Set(priority.slots)) {
      const slot = bySlot.get(n);
      if (!slot?.problem) continue;
      // an empty slot that the legacy blob fills at start-up is reported by legacy-blob instead
      if (blob.outcome === 'migrates' && blob.migratedSlots.has(n)) continue;
      ctx.report({
        ...where(slot),
        message: `slot ${n} is in NetworkConfigurationPriority, but libocpp cannot read it: ${slot.problem.message}; the station skips this slot`,
        hint: hintFor(slot),
        related: priority.file ? [{ file: priority.file, pointer: priority.pointer, message: `slot ${n} is listed here` }] : undefined,
      });
    }
    for (const slot of slots) {
      if (slot.problem?.kind !== 'not-addressable') continue;
      ctx.report({
        file: slot.file,
        pointer: slot.component.key.instance !== undefined ? '/instance' : '',
        severity: 'warning',
        message: slot.problem.message,
        hint: 'give the slot a plain number as instance ("1", "2", …) and no evse_id or connector_id',
      });
    }
  },
});

function where(slot: SlotRecord): Pick<Finding, 'file' | 'pointer' | 'atKey'> {
  const p = slot.problem!;
  if (p.pointer !== '') return { file: p.file, pointer: p.pointer };
  const hasProperties = typeof slot.component.data.properties === 'object' && slot.component.data.properties !== null;
  return { file: p.file, pointer: hasProperties ? '/properties' : '', atKey: hasProperties };
}

function hintFor(slot: SlotRecord): string {
  const p = slot.problem!;
  if (p.kind === 'missing' && p.variable === 'OcppCsmsUrl')
    return `set OcppCsmsUrl to the CSMS address without the station identity, e.g. ocppctl set-slot ${slot.slot ?? 'N'} --url wss://csms.example.com/ocpp`;
  if (p.kind === 'missing') return `give ${p.variable} a value (attribute value or default) in ${slot.file.file}`;
  return `correct ${p.variable}; see ocppctl explain NetworkConfiguration.${p.variable}`;
}
