import { defineEverestRule } from '../rule.js';

export default defineEverestRule({
  id: 'everest-yaml',
  severity: 'error',
  description:
    'The EVerest config (and its user-config overlay) is one YAML mapping without syntax errors, duplicate keys or tab indentation',
  check(ctx) {
    for (const f of [ctx.config.main, ctx.config.overlay]) {
      if (!f) continue;
      for (const p of f.problems)
        ctx.report({
          at: { pointer: '' },
          message: f === ctx.config.overlay ? `${p.message} (in the user-config overlay ${f.file})` : p.message,
          hint: p.fatal
            ? "EVerest's manager refuses to start with this file; fix the YAML"
            : 'remove one of the two keys (merge their content into the one you keep)',
          position: { file: f.file, ...p.position },
        });
    }
  },
});
