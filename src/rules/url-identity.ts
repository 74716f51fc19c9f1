import { findComponent } from '../model/index.js';
import { buildStationUri } from '../protocol/station-uri.js';
import { storedValue } from '../model/slots/read.js';
import { slotView } from '../model/slots/slot-view.js';
import { stoi } from '../model/slots/stoi.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'url-identity',
  severity: 'warning',
  description: 'A slot URL should not end in the station identity, and the station needs an identity libocpp accepts',
  check(ctx) {
    const view = slotView(ctx.tree);
    const security = findComponent(ctx.tree, 'SecurityCtrlr');
    const globalIdentity = security ? storedValue(security, 'Identity') : undefined;
    if (globalIdentity?.present && globalIdentity.value!.includes(':')) {
      ctx.report({
        file: globalIdentity.file,
        pointer: globalIdentity.pointer,
        severity: 'error',
        message:
          'SecurityCtrlr.Identity contains ":"; libocpp refuses to connect with it, and HTTP Basic authentication splits the user name at ":"',
        hint: 'choose an identity of letters, digits and * - _ = + | @ .',
      });
    }
    for (const slot of view.slots) {
      if (slot.slot === undefined) continue;
      const url = slot.values.OcppCsmsUrl;
      if (!url.present || !url.value) continue;
      const listed = slot.priorityIndex !== undefined;
      if (!slot.identity.value) {
        if (listed && slot.usable)
          ctx.report({
            file: url.file,
            pointer: url.pointer,
            severity: 'error',
            message: `slot ${slot.slot} has no identity: its Identity and SecurityCtrlr.Identity are both empty or missing, and libocpp cannot build the connection URL`,
            hint: 'set SecurityCtrlr.Identity, or Identity in the slot',
          });
        continue;
      }
      const profile = stoi(slot.values.SecurityProfile.value ?? '');
      if (profile === undefined) continue;
      let stripped = false;
      try {
        stripped = buildStationUri(url.value, slot.identity.value, profile).identityStripped;
      } catch {
        continue; // url-scheme reports URLs libocpp cannot use
      }
      if (!stripped) continue;
      const source = slot.identity.source === 'slot' ? 'the slot Identity' : 'SecurityCtrlr.Identity';
      ctx.report({
        file: url.file,
        pointer: url.pointer,
        message: `slot ${slot.slot}: the URL already ends in the station identity "${slot.identity.value}" (${source}); libocpp drops that segment and appends the identity itself, but after an identity change the old one stays in the path`,
        hint: `remove "/${slot.identity.value}" from the end of OcppCsmsUrl`,
        related:
          slot.identity.file && slot.identity.pointer !== undefined
            ? [{ file: slot.identity.file, pointer: slot.identity.pointer, message: 'the identity' }]
            : undefined,
      });
    }
  },
});
