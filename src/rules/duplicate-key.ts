import { defineRule } from './rule.js';
import { reportFileProblems } from './file-problems.js';

export default defineRule({
  id: 'duplicate-key',
  severity: 'error',
  description: 'No JSON object in a component file has the same key twice',
  check: (ctx) => reportFileProblems(ctx, 'duplicate-key'),
});
