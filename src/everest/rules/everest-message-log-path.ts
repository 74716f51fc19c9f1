import { statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { defineEverestRule } from '../rule.js';
import { effective } from '../effective.js';

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

// OCPP201::ready() calls fs::create_directory (not create_directories) on MessageLogPath and rethrows the
// filesystem_error, so a missing parent stops the module
export default defineEverestRule({
  id: 'everest-message-log-path',
  severity: 'error',
  description: "The parent of the OCPP module's MessageLogPath exists, as EVerest creates only the last folder",
  check(ctx) {
    for (const m of ctx.ocpp) {
      const v = effective(m, 'MessageLogPath', ctx.facts);
      if (typeof v.value !== 'string' || !isAbsolute(v.value) || isDir(v.value)) continue;
      const parent = dirname(v.value);
      if (isDir(parent)) continue;
      ctx.report({
        at: { pointer: v.pointer, atKey: true },
        message: `MessageLogPath ${JSON.stringify(v.value)}: its parent ${parent} does not exist on this machine; the module creates one folder level only and stops with a filesystem_error`,
        hint: `create ${parent} on the station (or run this check there), or point MessageLogPath into an existing folder`,
      });
    }
  },
});
