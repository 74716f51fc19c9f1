import { slotView } from '../model/slots/slot-view.js';
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
      hint: secondSlotHint(view, configured[0]),
    });
  },
});

/** An existing slot that cannot be dialled yet (EVerest ships an empty slot 2) is edited; otherwise a new one is added. */
function secondSlotHint(view: ReturnType<typeof slotView>, first: number): string {
  const spare = [...view.bySlot.keys()].sort((a, b) => a - b).find((n) => n !== first && !view.configured(n));
  if (spare === undefined) return 'add a second slot (ocppctl add-slot), e.g. a backup CSMS endpoint, and list it after the first';
  const list = view.priority.slots.includes(spare) ? '' : ` and list it after the first (ocppctl set-priority ${first},${spare})`;
  const profile = view.bySlot.get(spare)?.values.SecurityProfile?.present ? '' : ' --security-profile P';
  // listing a slot with a URL before the blob is migrated would make libocpp clear the blob unread
  const migrateFirst = view.blob.outcome === 'migrates' ? 'run ocppctl migrate first, then ' : '';
  return `${migrateFirst}give slot ${spare} a backup CSMS endpoint (ocppctl set-slot ${spare} --url URL${profile})${list}`;
}
