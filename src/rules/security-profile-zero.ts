import { findComponent } from '../model/index.js';
import { storedValue } from '../model/slots/read.js';
import { slotView } from '../model/slots/slot-view.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'security-profile-zero',
  severity: 'error',
  description: 'A slot with security profile 0 is dialled only when InternalCtrlr.AllowSecurityLevelZeroConnections is true',
  check(ctx) {
    const internal = findComponent(ctx.tree, 'InternalCtrlr');
    const allow = internal ? storedValue(internal, 'AllowSecurityLevelZeroConnections') : undefined;
    // libocpp reads the switch with get_optional_value<bool>: true in any case, anything else is false
    if (allow?.present && allow.value!.toLowerCase() === 'true') return;
    for (const slot of slotView(ctx.tree).slots) {
      if (slot.slot === undefined || slot.securityProfile !== 0) continue;
      const sp = slot.values.SecurityProfile;
      ctx.report({
        file: sp.file,
        pointer: sp.pointer,
        message: `slot ${slot.slot} uses security profile 0 (no authentication, no TLS), which libocpp refuses unless InternalCtrlr.AllowSecurityLevelZeroConnections is true`,
        hint: 'use security profile 1 or higher; for a lab station only, set InternalCtrlr.AllowSecurityLevelZeroConnections to true',
        related: allow?.variable ? [{ file: allow.file, pointer: allow.pointer, message: 'AllowSecurityLevelZeroConnections' }] : undefined,
      });
    }
  },
});
