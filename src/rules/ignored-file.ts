import { defineRule } from './rule.js';

export default defineRule({
  id: 'ignored-file',
  severity: 'info',
  description: 'Lists what libocpp does not read: nested folders, .JSON and other files',
  check(ctx) {
    // ignored entries are not parsed, so they have no SourceFile; the runner accepts a bare path here
    for (const entry of ctx.tree.ignored)
      ctx.report({
        file: { path: entry.file, file: entry.file, folder: 'standardized', text: '', problems: [] },
        pointer: '',
        message: `ignored: ${entry.reason}`,
      });
  },
});
