import { buildStationUri, UriError } from '../protocol/station-uri.js';
import { slotView } from '../model/slots/slot-view.js';
import { stoi } from '../model/slots/stoi.js';
import { defineRule } from './rule.js';

// never equal to a path segment, so only the URL and the profile decide
const NO_IDENTITY_MATCH = '\u0000';

export default defineRule({
  id: 'url-scheme',
  severity: 'error',
  description: 'A slot URL must be one libocpp can dial, with ws:// for security profiles 0-1 and wss:// for 2-3',
  check(ctx) {
    for (const slot of slotView(ctx.tree).slots) {
      if (slot.slot === undefined) continue;
      const url = slot.values.OcppCsmsUrl;
      const sp = slot.values.SecurityProfile;
      if (!url.present || !url.value || !sp.present) continue;
      const profile = stoi(sp.value!);
      if (profile === undefined) continue;
      try {
        buildStationUri(url.value, NO_IDENTITY_MATCH, profile);
      } catch (err) {
        if (!(err instanceof UriError)) throw err;
        ctx.report({
          file: url.file,
          pointer: url.pointer,
          message: `slot ${slot.slot}: ${err.message}`,
          hint: err.hint,
          related: [{ file: sp.file, pointer: sp.pointer, message: `SecurityProfile ${profile}` }],
        });
      }
    }
  },
});
