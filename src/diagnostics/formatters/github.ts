import type { Formatter } from './formatter.js';

// GitHub workflow commands: data is %-escaped, and property values also escape ':' and ','
const msg = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => msg(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

export const github: Formatter = ({ diagnostics }) =>
  diagnostics
    .map((d) => {
      const end = d.endLine ? `,endLine=${d.endLine}` : '';
      const endCol = d.endLine === d.line && d.endColumn ? `,endColumn=${d.endColumn}` : '';
      const text = d.hint ? `${d.message} (${d.hint})` : d.message;
      return `::${LEVEL[d.severity]} file=${prop(d.file)},line=${d.line}${end},col=${d.column}${endCol},title=${prop(d.ruleId)}::${msg(text)}`;
    })
    .join('\n');
