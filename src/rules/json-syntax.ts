import { defineRule } from './rule.js';
import { reportFileProblems } from './file-problems.js';

export default defineRule({
  id: 'json-syntax',
  severity: 'error',
  description: 'Each component file is a regular file of bounded size holding well-formed UTF-8 JSON, without a byte order mark, not empty',
  check: (ctx) => reportFileProblems(ctx, 'json-syntax'),
});
