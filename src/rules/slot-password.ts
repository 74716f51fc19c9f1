import { slotView } from '../model/slots/slot-view.js';
import { defineRule } from './rule.js';

// Passwords belong outside version control, so a config without one is normal for a template; the finding
// reminds that libocpp aborts the handshake of a profile 1 or 2 slot until one is provisioned.
export default defineRule({
  id: 'slot-password',
  severity: 'info',
  description:
    'A listed slot with security profile 1 or 2 needs a basic-auth password at run time, its own or SecurityCtrlr.BasicAuthPassword',
  check(ctx) {
    for (const slot of slotView(ctx.tree).slots) {
      if (slot.slot === undefined || slot.priorityIndex === undefined || !slot.usable) continue;
      if (slot.securityProfile !== 1 && slot.securityProfile !== 2) continue;
      if (slot.password.set) continue;
      const sp = slot.values.SecurityProfile;
      ctx.report({
        file: sp.file,
        pointer: sp.pointer,
        message: `slot ${slot.slot} uses security profile ${slot.securityProfile} (HTTP Basic authentication) and these files set no BasicAuthPassword for it, neither in the slot nor in SecurityCtrlr; libocpp cannot log in until one is provided`,
        hint: `provide the password when the station is installed (e.g. ocppctl set-slot ${slot.slot} --password-env VAR); keep it out of version control`,
      });
    }
  },
});
