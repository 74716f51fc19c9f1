import { slotView } from '../model/slots/slot-view.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'slot-missing',
  severity: 'error',
  description: 'NetworkConfigurationPriority lists a slot that has no NetworkConfiguration component',
  check(ctx) {
    const { priority, bySlot, blob } = slotView(ctx.tree);
    if (!priority.file || !priority.present) return;
    for (const n of new Set(priority.slots)) {
      // the legacy migration creates a missing slot from libocpp's built-in template before writing it
      if (bySlot.has(n) || (blob.outcome === 'migrates' && blob.migratedSlots.has(n))) continue;
      ctx.report({
        file: priority.file,
        pointer: priority.pointer,
        message: `NetworkConfigurationPriority lists slot ${n}, but no NetworkConfiguration component has instance "${n}"; libocpp skips the slot`,
        hint: `add the slot (ocppctl add-slot --slot ${n}) or remove ${n} from NetworkConfigurationPriority`,
      });
    }
  },
});
