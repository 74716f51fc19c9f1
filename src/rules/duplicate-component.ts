import { describeKey, keyId } from '../model/index.js';
import type { Component } from '../model/index.js';
import { defineRule } from './rule.js';

const wellTypedKey = (d: Record<string, unknown>) =>
  (d.instance === undefined || typeof d.instance === 'string') &&
  (d.evse_id === undefined || Number.isInteger(d.evse_id)) &&
  (d.connector_id === undefined || Number.isInteger(d.connector_id));

export default defineRule({
  id: 'duplicate-component',
  severity: 'error',
  description: 'No two files in one folder describe the same component; a custom/ file replacing a standardized/ one is noted',
  check(ctx) {
    const seen = new Map<string, Component[]>();
    for (const c of ctx.tree.components) {
      // a key part of the wrong type is component-schema's finding; the key without it would collide falsely
      if (!wellTypedKey(c.data)) continue;
      const id = keyId(c.key);
      const list = seen.get(id) ?? [];
      list.push(c);
      seen.set(id, list);
    }
    for (const list of seen.values()) {
      for (let i = 1; i < list.length; i++) {
        const c = list[i];
        const sameFolder = list.slice(0, i).find((o) => o.source.folder === c.source.folder);
        if (sameFolder) {
          // libocpp inserts each file into a std::map keyed by component, in directory order: one file is dropped
          ctx.report({
            file: c.source,
            pointer: '/name',
            message: `${describeKey(c.key)} is also defined in ${sameFolder.source.file}; libocpp keeps only one of the two, depending on directory order`,
            hint: 'merge the two files, or give one a different instance, evse_id or connector_id',
            related: [{ file: sameFolder.source, pointer: '/name', message: 'the other definition' }],
          });
        } else if (c.source.folder === 'custom') {
          const std = list.find((o) => o.source.folder === 'standardized')!;
          ctx.report({
            file: c.source,
            pointer: '/name',
            severity: 'info',
            message: `${describeKey(c.key)} replaces ${std.source.file}: libocpp uses the custom/ file and ignores the standardized/ one entirely`,
            related: [{ file: std.source, pointer: '/name', message: 'the replaced definition' }],
          });
        }
      }
    }
  },
});
