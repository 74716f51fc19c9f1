import type { CommandSpec, OptionSpec, ProgramSpec, ValueSpec } from './spec.js';
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
  const add = (c: CommandSpec, seen: string[]) => {
    const path = [...seen, c.name];
    const cond = quoted(path.map((n) => `__fish_seen_subcommand_from ${n}`).join('; and '));
    for (const o of c.options) lines.push(optionLine(spec, cond, o));
    const subs = c.subcommands ?? [];
    // a parent (db) offers its subcommands until one is typed
    const open = subs.length
      ? quoted(
          `${path.map((n) => `__fish_seen_subcommand_from ${n}`).join('; and ')}; and not __fish_seen_subcommand_from ${subs.map((s) => s.name).join(' ')}`,
        )
      : cond;
    for (const s of subs) lines.push(`complete -c ${p} -n ${open} -a ${quoted(s.name)} -d ${quoted(s.description)}`);
    // fish has no positional slots: every argument's values are offered wherever a positional may stand
    if (!subs.length)
      for (const a of c.args) {
        const values = valueFlags(spec, a);
        if (values) lines.push(`complete -c ${p} -n ${cond} ${values}`);
      }
    for (const s of subs) add(s, path);
  };
  for (const c of spec.commands) add(c, []);
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
