import type { CommandSpec, OptionSpec, ProgramSpec, ValueSpec } from './spec.js';
import { identifier, singleQuoted } from './spec.js';

// _arguments specs: `-t+[description]:message:action` (value in the same or the next word) and
// `--target=[description]:message:action` (`--target=x` or `--target x`). Brackets and colons are
// _arguments syntax, so descriptions escape them.
export function zshScript(spec: ProgramSpec): string {
  const id = identifier(spec.name);
  const lines: string[] = [
    `#compdef ${spec.name}`,
    `# zsh completion for ${spec.name}`,
    `# Load it now with: source <(${spec.name} completion zsh)`,
    `# or install it as _${spec.name} in a folder of $fpath: ${spec.name} completion zsh > ~/.zfunc/_${spec.name}`,
    '',
  ];
  for (const [name, words] of Object.entries(spec.words))
    lines.push(`_${id}_words_${identifier(name)}=(${words.map(singleQuoted).join(' ')})`);
  lines.push(
    '',
    `_${id}() {`,
    '  local curcontext="$curcontext" state line',
    '  typeset -A opt_args',
    '  _arguments -C \\',
    ...spec.options.flatMap((o) => optionSpecs(id, o)).map((s) => `    ${s} \\`),
    "    '1: :->command' \\",
    "    '*:: :->args'",
    '  case $state in',
    '    command)',
    '      local -a commands',
    `      commands=(${spec.commands.map((c) => singleQuoted(`${c.name.replace(/:/g, '\\:')}:${c.description}`)).join(' ')})`,
    `      _describe -t commands ${singleQuoted(`${spec.name} command`)} commands ;;`,
    '    args)',
    '      case $line[1] in',
    ...spec.commands.map((c) => `        ${commandArm(id, spec.name, c)} ;;`),
    '      esac ;;',
    '  esac',
    '}',
    '',
    // sourced directly (not autoloaded from $fpath), register the function by hand
    `if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _${id} "$@"; else compdef _${id} ${spec.name}; fi`,
    '',
  );
  return lines.join('\n');
}

const describe = (text: string) => text.replace(/\\/g, '\\\\').replace(/\[/g, '\\[').replace(/\]/g, '\\]');

function action(id: string, value: ValueSpec): string {
  switch (value.type) {
    case 'free':
      return ' ';
    case 'choices':
      return `(${value.values.map((v) => v.replace(/([\\() :])/g, '\\$1')).join(' ')})`;
    case 'file':
      return '_files';
    case 'directory':
      return '_files -/';
    case 'words':
      return `{compadd -a _${id}_words_${identifier(value.list)}}`;
  }
}

function optionSpecs(id: string, o: OptionSpec): string[] {
  return o.names.map((n) => {
    if (!o.value) return singleQuoted(`${n}[${describe(o.description)}]`);
    const glue = n.startsWith('--') ? '=' : '+';
    return singleQuoted(`${n}${glue}[${describe(o.description)}]:${o.names.at(-1)!.replace(/^-+/, '')}:${action(id, o.value)}`);
  });
}

function commandSpecs(id: string, c: CommandSpec): string[] {
  const specs = c.options.flatMap((o) => optionSpecs(id, o));
  c.args.forEach((a, n) => {
    const position = c.variadic && n === c.args.length - 1 ? '*' : String(n + 1);
    specs.push(singleQuoted(`${position}:argument:${action(id, a)}`));
  });
  return specs;
}

// A command with subcommands (db → export) repeats the top level's pattern one level down: its first argument
// names the subcommand, the rest go to that subcommand's own _arguments.
function commandArm(id: string, path: string, c: CommandSpec): string {
  const name = c.name.replace(/([\\() :|])/g, '\\$1');
  if (!c.subcommands?.length) return `${name}) _arguments ${commandSpecs(id, c).join(' ')}`;
  const options = c.options.flatMap((o) => optionSpecs(id, o));
  const subs = c.subcommands.map((s) => singleQuoted(`${s.name.replace(/:/g, '\\:')}:${s.description}`)).join(' ');
  return [
    `${name}) _arguments -C ${[...options, "'1: :->sub'", "'*:: :->subargs'"].join(' ')}`,
    `case $state in sub) local -a subs; subs=(${subs}); _describe -t commands ${singleQuoted(`${path} ${c.name} command`)} subs ;;`,
    `subargs) case $line[1] in ${c.subcommands.map((s) => `${commandArm(id, `${path} ${c.name}`, s)} ;;`).join(' ')} esac ;; esac`,
  ].join('; ');
}
