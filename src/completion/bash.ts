import type { CommandSpec, OptionSpec, ProgramSpec, ValueSpec } from './spec.js';
import { commandPaths, identifier, singleQuoted, valueTakingOptions } from './spec.js';

// Bash splits `--target=spec` into `--target`, `=`, `spec` (`=` is in COMP_WORDBREAKS), so the function treats
// a lone `=` as glue between an option and its value. Word lists go through `compgen -W`, which keeps them
// advisory: what the user types is never refused.
// A nested command (`db export`) is completed under its path: the word after a parent command names the
// subcommand, and `cmd` then holds both words.
export function bashScript(spec: ProgramSpec): string {
  const id = identifier(spec.name);
  const paths = commandPaths(spec.commands);
  const parents = paths.filter((p) => p.command.subcommands?.length).map((p) => p.path);
  const lines: string[] = [
    `# bash completion for ${spec.name}`,
    `# Load it now with: source <(${spec.name} completion bash)`,
    `# or install it: ${spec.name} completion bash > ~/.local/share/bash-completion/completions/${spec.name}`,
    '',
  ];
  for (const [name, words] of Object.entries(spec.words)) lines.push(`_${id}_words_${identifier(name)}=${singleQuoted(words.join(' '))}`);
  lines.push(
    '',
    `_${id}_takes_value() {`,
    '  case "$1 $2" in',
    ...caseArms([[null, spec.options], ...paths.map((p): [string, OptionSpec[]] => [p.path, p.command.options])]),
    '  esac',
    '  return 1',
    '}',
    '',
    `_${id}_values() {`,
    "  local IFS=$'\\n'",
    '  case "$1" in',
    `    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$2")) ;;`,
    `    directory) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$2")) ;;`,
    `    words:*) local list="_${id}_words_\${1#words:}"; COMPREPLY=($(IFS=' '; compgen -W "\${!list}" -- "$2")) ;;`,
    `    choices:*) COMPREPLY=($(IFS=' '; compgen -W "\${1#choices:}" -- "$2")) ;;`,
    '  esac',
    '}',
    '',
    `_${id}_completions() {`,
    '  COMPREPLY=()',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" argn=0 i=1 w',
    '  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  if [[ $cur == "=" ]]; then cur=""; prev="${COMP_WORDS[COMP_CWORD-1]}";',
    '  elif [[ $prev == "=" ]] && (( COMP_CWORD > 1 )); then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi',
    '  while (( i < COMP_CWORD )); do',
    '    w="${COMP_WORDS[i]}"',
    '    if [[ $w == -* ]]; then',
    `      if _${id}_takes_value "$cmd" "$w"; then`,
    '        (( i++ ))',
    '        [[ ${COMP_WORDS[i]} == "=" ]] && (( i++ ))',
    '      fi',
    '    elif [[ -z $cmd ]]; then cmd="$w"',
    ...(parents.length
      ? [`    elif (( argn == 0 )) && [[ ${singleQuoted(` ${parents.join(' ')} `)} == *" $cmd "* ]]; then cmd="$cmd $w"`]
      : []),
    '    else (( argn++ ))',
    '    fi',
    '    (( i++ ))',
    '  done',
    '  if [[ $prev == -* ]]; then',
    '    case "$cmd $prev" in',
    ...optionValueArms(id, spec),
    '    esac',
    '  fi',
    '  if [[ -z $cmd ]]; then',
    `    if [[ $cur == -* ]]; then _${id}_values ${singleQuoted(`choices:${spec.options.flatMap((o) => o.names).join(' ')}`)} "$cur"`,
    `    else _${id}_values ${singleQuoted(`choices:${spec.commands.map((c) => c.name).join(' ')}`)} "$cur"; fi`,
    '    return 0',
    '  fi',
    '  case "$cmd" in',
    ...paths.map((p) => `    ${JSON.stringify(p.path)}) ${commandBody(id, p.command)} ;;`),
    '  esac',
    '  return 0',
    '}',
    '',
    `complete -F _${id}_completions ${spec.name}`,
    '',
  );
  return lines.join('\n');
}

function caseArms(groups: [string | null, OptionSpec[]][]): string[] {
  const patterns = groups.flatMap(([cmd, options]) => valueTakingOptions(options).map((n) => `"${cmd ?? ''} ${n}"`));
  return patterns.length ? [`    ${patterns.join('|')}) return 0 ;;`] : [];
}

function optionValueArms(id: string, spec: ProgramSpec): string[] {
  const arms: string[] = [];
  const add = (cmd: string, options: OptionSpec[]) => {
    for (const o of options) {
      if (!o.value) continue;
      arms.push(`      ${o.names.map((n) => `"${cmd} ${n}"`).join('|')}) ${valuesCall(id, o.value)}; return 0 ;;`);
    }
  };
  add('', spec.options);
  for (const p of commandPaths(spec.commands)) add(p.path, p.command.options);
  return arms;
}

function valuesCall(id: string, value: ValueSpec): string {
  switch (value.type) {
    case 'free':
      return ':';
    case 'choices':
      return `_${id}_values ${singleQuoted(`choices:${value.values.join(' ')}`)} "$cur"`;
    case 'words':
      return `_${id}_values ${singleQuoted(`words:${identifier(value.list)}`)} "$cur"`;
    default:
      return `_${id}_values ${value.type} "$cur"`;
  }
}

function commandBody(id: string, c: CommandSpec): string {
  const options = `if [[ $cur == -* ]]; then ${valuesCall(id, { type: 'choices', values: c.options.flatMap((o) => o.names) })}; return 0; fi`;
  const arms = c.args.map((a, n) => {
    const last = c.variadic && n === c.args.length - 1;
    return `${last ? `[[ $argn -ge ${n} ]]` : `[[ $argn -eq ${n} ]]`} && ${valuesCall(id, a)}`;
  });
  return [options, ...arms].join('; ');
}
