import type { OptionSpec, ProgramSpec, ValueSpec } from './spec.js';
import { singleQuoted } from './spec.js';

// fish quotes like POSIX single quotes except that it escapes a quote as \' inside the quotes.
const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishScript(spec: ProgramSpec): string {
  const p = spec.name;
  const lines: string[] = [
    `# fish completion for ${p}`,
    `# Load it now with: ${p} completion fish | source`,
    `# or install it: ${p} completion fish > ~/.config/fish/completions/${p}.fish`,
    '',
    `complete -c ${p} -f`,
  ];
  const top = '__fish_use_subcommand';
  for (const o of spec.options) lines.push(optionLine(spec, top, o));
  for (const c of spec.commands) lines.push(`complete -c ${p} -n ${top} -a ${quoted(c.name)} -d ${quoted(c.description)}`);
  for (const c of spec.commands) {
    const cond = quoted(`__fish_seen_subcommand_from ${c.name}`);
    for (const o of c.options) lines.push(optionLine(spec, cond, o));
    // fish has no positional slots: every argument's values are offered wherever a positional may stand
    for (const a of c.args) {
      const values = valueFlags(spec, a);
      if (values) lines.push(`complete -c ${p} -n ${cond} ${values}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

function valueFlags(spec: ProgramSpec, value: ValueSpec): string | undefined {
  switch (value.type) {
    case 'free':
      return undefined;
    case 'choices':
      return `-a ${quoted(value.values.join(' '))}`;
    case 'file':
      return '-F';
    case 'directory':
      return `-a ${singleQuoted('(__fish_complete_directories)')}`;
    case 'words':
      return `-a ${quoted((spec.words[value.list] ?? []).join(' '))}`;
  }
}

function optionLine(spec: ProgramSpec, cond: string, o: OptionSpec): string {
  const names = o.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(' ');
  // -r: the option needs a value; -x: the value is not a file name
  let value = '';
  if (o.value?.type === 'file') value = ' -r -F';
  else if (o.value) value = ` -x${o.value.type === 'free' ? '' : ` ${valueFlags(spec, o.value)}`}`;
  return `complete -c ${spec.name} -n ${cond} ${names}${value} -d ${quoted(o.description)}`;
}
