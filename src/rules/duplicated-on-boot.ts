import { attributes, joinPointer } from '../model/index.js';
import { variableName } from './data-types.js';
import { defineRule } from './rule.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CONSEQUENCE = 'so libocpp inserts it into the station database again at every boot';

export default defineRule({
  id: 'duplicated-on-boot',
  severity: 'error',
  description: 'Nothing in the config makes libocpp insert rows into the device-model database again at every boot',
  check(ctx) {
    for (const component of ctx.tree.effective) {
      const file = component.source;
      // libocpp writes an empty instance as NULL, then compares "" with the NULL it reads back: no match
      if (component.data.instance === '')
        ctx.report({
          file,
          pointer: '/instance',
          message: `${component.key.name} has "instance": "", which libocpp stores as no instance and then never matches, ${CONSEQUENCE}`,
          hint: 'remove "instance" or give it a name',
        });
      // libocpp reads the database back with inner joins: a component without variables is invisible to it
      if (isObject(component.data.properties) && component.variables.length === 0 && Object.keys(component.data.properties).length === 0)
        ctx.report({
          file,
          pointer: '/properties',
          message: `${component.key.name} has no variables, which libocpp cannot read back from its database, ${CONSEQUENCE}`,
          hint: "add the component's variables or remove the file",
        });
      for (const v of component.variables) {
        const name = variableName(v);
        if (v.data.instance === '')
          ctx.report({
            file,
            pointer: joinPointer(v.pointer, 'instance'),
            message: `${name} has "instance": "", which libocpp stores as no instance and then never matches, ${CONSEQUENCE}`,
            hint: 'remove "instance" or give it a name',
          });
        if ('attributes' in v.data && attributes(v).length === 0 && (Array.isArray(v.data.attributes) || v.data.attributes === null))
          ctx.report({
            file,
            pointer: joinPointer(v.pointer, 'attributes'),
            message: `${name} has no attributes, which libocpp cannot read back from its database, ${CONSEQUENCE}`,
            hint: 'add { "type": "Actual", "mutability": "ReadWrite" }',
          });
        const monitors = v.data.monitors;
        if (Array.isArray(monitors))
          monitors.forEach((m, i) => {
            // libocpp skips CustomMonitor rows when it reads monitors back, so it never finds this one
            if (isObject(m) && m.config_type === 'CustomMonitor')
              ctx.report({
                file,
                pointer: joinPointer(v.pointer, 'monitors', i, 'config_type'),
                message: `monitor ${i} of ${name} is a CustomMonitor, which libocpp never reads back from its database, ${CONSEQUENCE}`,
                hint: 'use "PreconfiguredMonitor" for a monitor that comes with the config',
              });
          });
      }
    }
  },
});
