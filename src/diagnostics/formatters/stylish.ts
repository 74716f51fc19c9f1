import { Chalk } from 'chalk';
import type { Formatter } from './formatter.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// eslint-style: grouped by file, one line per finding, a summary line at the end
export const stylish: Formatter = (report, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const sev = { error: c.red('error'), warning: c.yellow('warning'), info: c.blue('info') };
  const lines: string[] = [];
  let current: string | undefined;
  for (const d of report.diagnostics) {
    if (d.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(c.underline(d.file));
      current = d.file;
    }
    lines.push(`  ${c.dim(`${d.line}:${d.column}`)}  ${sev[d.severity]}  ${d.message}  ${c.dim(d.ruleId)}`);
    if (d.hint) lines.push(`      ${c.dim('hint:')} ${d.hint}`);
    for (const r of d.related ?? []) lines.push(`      ${c.dim(`see ${r.file}:${r.line}:${r.column}`)} ${r.message}`);
  }
  const { errors, warnings, infos, files } = report.summary;
  if (lines.length) lines.push('');
  // ESLint-style: what the threshold leaves out is counted per rule, one line each, so 158 cosmetic infos
  // cost one line and never bury the one warning
  for (const h of ctx.hidden ?? []) {
    const more = ctx.showHidden ? `; ${ctx.showHidden.replace(/\bthem\b/, h.count === 1 ? 'it' : 'them')}` : '';
    lines.push(c.dim(`${h.count} ${h.ruleId} ${h.severity}${h.count === 1 ? '' : 's'} not shown${more}`));
  }
  if (ctx.hidden?.length) lines.push('');
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')} in ${plural(files, 'file')}`;
  lines.push(errors ? c.red.bold(`✖ ${counts}`) : warnings ? c.yellow.bold(`⚠ ${counts}`) : c.green.bold(`✔ ${counts}`));
  return lines.join('\n');
};
