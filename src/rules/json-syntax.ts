import { defineRule } from './rule.js';
import { reportFileProblems } from './file-problems.js';

export default defineRule({
  id: 'json-syntax',
  severity: 'error',
  description: 'Each component file is well-formed UTF-8 JSON without a byte order mark and is not empty',
  check: (ctx) => reportFileProblems(ctx, 'json-syntax'),
});
