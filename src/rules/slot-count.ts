import { slotView } from '../slots/slot-view.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'slot-count',
  severity: 'warning',
  description: 'NetworkConfigurationPriority should list at least two slots libocpp can dial, so the station can fail over',
  check(ctx) {
    const view = slotView(ctx.tree);
    const { priority } = view;
    if (!priority.file || !priority.present) return;
    const listed = [...new Set(priority.slots)];
    if (listed.length === 0) {
      ctx.report({
        file: priority.file,
        pointer: priority.pointer,
        severity: 'error',
        message: 'NetworkConfigurationPriority names no slot; libocpp has no CSMS to connect to',
        hint: 'list the slots to try, in order, e.g. 1,2',
      });
      return;
    }
    const configured = listed.filter((n) => view.configured(n));
    // with none configured, slot-missing and slot-incomplete already say why each listed slot fails
    if (configured.length !== 1) return;
    ctx.report({
      file: priority.file,
      pointer: priority.pointer,
      message: `only slot ${configured[0]} in NetworkConfigurationPriority can be dialled; when its CSMS is unreachable libocpp has no other slot to fall back to`,
      hint: 'add a second slot (ocppctl add-slot), e.g. a backup CSMS endpoint, and list it after the first',
    });
  },
});
