import { slotView } from '../model/slots/slot-view.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'legacy-blob',
  severity: 'info',
  description: 'What libocpp does at start-up with a non-empty InternalCtrlr.NetworkConnectionProfiles',
  check(ctx) {
    const view = slotView(ctx.tree);
    const { blob, priority } = view;
    if (blob.outcome === 'absent' || !blob.file) return;
    const at = { file: blob.file, pointer: blob.pointer };
    const label = 'InternalCtrlr.NetworkConnectionProfiles';
    switch (blob.outcome) {
      case 'ignored': {
        const url = view.bySlot.get(blob.populatedSlot!)?.values.OcppCsmsUrl;
        ctx.report({
          ...at,
          severity: 'warning',
          message: `${label} still holds legacy connection profiles, but slot ${blob.populatedSlot} already has an OcppCsmsUrl; libocpp ignores the blob and clears it at start-up`,
          hint: 'set the blob to "" so the files say what the station uses',
          related: url ? [{ file: url.file, pointer: url.pointer, message: `slot ${blob.populatedSlot} URL` }] : undefined,
        });
        return;
      }
      case 'malformed':
        ctx.report({
          ...at,
          severity: 'error',
          message: `${label} is not valid JSON (${blob.parseError}); libocpp's migration fails on every start-up and no slot gets these profiles`,
          hint: 'write the profiles into NetworkConfiguration slots and set the blob to ""',
        });
        return;
      case 'empty':
        ctx.report({ ...at, message: `${label} is an empty list; libocpp clears it at start-up`, hint: 'set it to ""' });
        return;
      case 'migrates': {
        const migrated = [...blob.migratedSlots].sort((a, b) => a - b);
        const unlisted = migrated.filter((n) => !priority.slots.includes(n));
        if (migrated.length === 0) {
          ctx.report({
            ...at,
            severity: 'warning',
            message: `no entry of ${label} can be migrated; libocpp logs the failures and clears the blob at start-up`,
            hint: 'configure the slots directly and set the blob to ""',
          });
        }
        const parts = [
          `no slot in NetworkConfigurationPriority has an OcppCsmsUrl, so libocpp migrates ${label} into ${plural(migrated)} at start-up and then clears it`,
        ];
        if (unlisted.length)
          parts.push(
            `${plural(unlisted)} ${unlisted.length === 1 ? 'is' : 'are'} not in NetworkConfigurationPriority and stay${unlisted.length === 1 ? 's' : ''} unused`,
          );
        if (migrated.length)
          ctx.report({
            ...at,
            message: parts.join('; '),
            hint: 'run ocppctl migrate to write the profiles into the NetworkConfiguration files now',
          });
        for (const entry of blob.entries) {
          if (!entry.problem) continue;
          ctx.report({
            ...at,
            severity: 'warning',
            message: `entry ${entry.index + 1} of ${label}${entry.slot !== undefined ? ` (slot ${entry.slot})` : ''} ${entry.problem}; libocpp skips it and clears the blob anyway`,
            hint: 'fix the entry before migrating, or configure that slot directly',
          });
        }
      }
    }
  },
});

const plural = (slots: number[]) => (slots.length === 1 ? `slot ${slots[0]}` : `slots ${slots.join(', ')}`);
