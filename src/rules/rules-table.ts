import type { Rule } from './rule.js';

/** The README's markdown table of rules: id (linked to its docs page), default severity, targets, description. */
export function rulesTable(rules: readonly (Pick<Rule, 'id' | 'severity' | 'description'> & { targets?: readonly string[] })[]): string {
  const rows = rules.map(
    (r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${r.targets ? r.targets.join(', ') : 'all'} | ${r.description} |`,
  );
  return ['| rule | severity | targets | what it checks |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
