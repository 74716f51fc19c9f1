import { findComponent } from '../model/index.js';
import { storedValue } from '../model/slots/read.js';
import { slotView } from '../model/slots/slot-view.js';
import { stoi } from '../model/slots/stoi.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'security-profile-downgrade',
  severity: 'error',
  description: 'A listed slot with a security profile below SecurityCtrlr.SecurityProfile is dropped by libocpp',
  check(ctx) {
    const security = findComponent(ctx.tree, 'SecurityCtrlr');
    const station = security ? storedValue(security, 'SecurityProfile') : undefined;
    const level = station?.present ? stoi(station.value!) : undefined;
    if (level === undefined) return;
    for (const slot of slotView(ctx.tree).slots) {
      if (
        slot.slot === undefined ||
        slot.priorityIndex === undefined ||
        slot.securityProfile === undefined ||
        slot.securityProfile >= level
      )
        continue;
      const sp = slot.values.SecurityProfile;
      ctx.report({
        file: sp.file,
        pointer: sp.pointer,
        message: `slot ${slot.slot} has security profile ${slot.securityProfile}, below SecurityCtrlr.SecurityProfile ${level}; libocpp removes such slots before dialling and deletes them after the next successful connection`,
        hint: `raise the slot's SecurityProfile to ${level} or more (with a matching wss:// URL), or lower SecurityCtrlr.SecurityProfile`,
        related: [{ file: station!.file, pointer: station!.pointer, message: 'the station security profile' }],
      });
    }
  },
});
