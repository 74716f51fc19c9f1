import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-user-config',
  severity: 'info',
  description: "A user-config overlay beside the config is merged over it (JSON merge patch), as EVerest's manager does",
  check(ctx) {
    const o = ctx.config.overlay;
    if (o && o.data !== undefined)
      ctx.report({
        at: { pointer: '' },
        position: { file: o.file, line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: `${o.file} is merged over ${ctx.config.main.file}; findings point into whichever file sets the value`,
      });
  },
});
