import { basename } from 'node:path';
import { componentsNamed } from '../model/index.js';
import { defineRule } from './rule.js';

const SLOT_FILE = /^NetworkConfiguration_(.*)\.json$/;

export default defineRule({
  id: 'slot-file-name',
  severity: 'error',
  description: 'A NetworkConfiguration_N.json file holds the slot whose instance is N',
  check(ctx) {
    for (const component of componentsNamed(ctx.tree, 'NetworkConfiguration')) {
      const file = component.source;
      const name = basename(file.path);
      const fromName = SLOT_FILE.exec(name)?.[1];
      const instance = component.key.instance;
      if (fromName === undefined) {
        if (instance !== undefined)
          ctx.report({
            file,
            pointer: '/instance',
            message: `slot ${instance} is in ${name}; ocppctl and people look for it in NetworkConfiguration_${instance}.json`,
            hint: `rename the file to NetworkConfiguration_${instance}.json`,
          });
        continue;
      }
      // libocpp addresses a slot by the component's instance alone; the file name is only what people and
      // tools (add-slot picks the next free N from the names) go by, so a mismatch edits the wrong slot
      if (instance !== fromName)
        ctx.report({
          file,
          pointer: instance === undefined ? '' : '/instance',
          message:
            instance === undefined
              ? `${name} has no top-level "instance", so libocpp cannot address it as slot ${fromName}`
              : `${name} holds slot ${instance} (its "instance"), not slot ${fromName}`,
          hint:
            instance === undefined
              ? `add "instance": "${fromName}"`
              : `set "instance" to "${fromName}", or rename the file to NetworkConfiguration_${instance}.json`,
        });
    }
  },
});
