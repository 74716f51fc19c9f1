import { Argument } from 'commander';
import type { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CommandSpec, OptionSpec, ProgramSpec, Shell, ValueSpec } from '../../completion/index.js';

// Values that come from word lists rather than from commander: offered by the shell, never enforced.
// Everything else (commands, options, choices, files, folders) is read off the commander program itself.
const WORD_VALUES: Record<string, ValueSpec> = {
  'explain <name>': { type: 'words', list: 'explain' },
  'validate --rule': { type: 'words', list: 'rules' },
};

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('completion')
    .description('print a shell completion script for commands, options and OCPP component/variable names')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: Shell) => {
      ctx.exitCode = await completionCommand(shell, program, ctx);
    });
  examples(cmd, [
    'source <(ocppctl completion bash)',
    'ocppctl completion bash > ~/.local/share/bash-completion/completions/ocppctl',
    'ocppctl completion zsh > ~/.zfunc/_ocppctl',
    'ocppctl completion fish > ~/.config/fish/completions/ocppctl.fish',
  ]);
}

async function completionCommand(shell: Shell, program: Command, ctx: CliContext): Promise<number> {
  const { completionScript, catalogNames } = await import('../../completion/index.js');
  const { rules } = await import('../../rules/index.js');
  const ruleIds = rules.map((r) => r.id).sort();
  const spec: ProgramSpec = {
    name: program.name(),
    options: [...visibleOptions(program, ''), HELP],
    commands: [
      ...program.commands.map(commandSpec),
      {
        name: 'help',
        description: 'show help for a command',
        options: [],
        args: [{ type: 'choices', values: program.commands.map((c) => c.name()) }],
        variadic: false,
      },
    ],
    words: { explain: [...ruleIds, ...catalogNames()], rules: ruleIds },
  };
  ctx.io.stdout.write(completionScript(shell, spec));
  return EXIT.ok;
}

// commander adds -h/--help to every command without listing it in `options`
const HELP: OptionSpec = { names: ['-h', '--help'], description: 'display help for command' };

function commandSpec(c: Command): CommandSpec {
  if (c.commands.length) return groupSpec(c);
  const args = c.registeredArguments;
  return {
    name: c.name(),
    description: c.description(),
    options: [...visibleOptions(c, c.name()), HELP],
    args: args.map((a) => WORD_VALUES[`${c.name()} <${a.name()}>`] ?? valueSpec(a.name(), a.argChoices)),
    variadic: args.at(-1)?.variadic ?? false,
  };
}

// A command of subcommands (`db export`, `log show|check|summary`): the scripts know one command level, so the
// subcommand's name is its first argument, files the rest, and the subcommands' options are merged (choices joined).
function groupSpec(c: Command): CommandSpec {
  const options = new Map<string, OptionSpec>();
  for (const sub of c.commands)
    for (const o of visibleOptions(sub, `${c.name()} ${sub.name()}`)) {
      const key = o.names.join(' ');
      const seen = options.get(key);
      if (seen?.value?.type === 'choices' && o.value?.type === 'choices')
        seen.value = { type: 'choices', values: [...new Set([...seen.value.values, ...o.value.values])] };
      else if (!seen) options.set(key, o);
    }
  return {
    name: c.name(),
    description: c.description(),
    options: [...options.values(), HELP],
    args: [{ type: 'choices', values: c.commands.map((s) => s.name()) }, { type: 'file' }],
    variadic: true,
  };
}

function visibleOptions(c: Command, command: string): OptionSpec[] {
  return c.options
    .filter((o) => !o.hidden)
    .map((o) => {
      const names = [o.short, o.long].filter((n): n is string => Boolean(n));
      const spec: OptionSpec = { names, description: o.description };
      if (o.required || o.optional) spec.value = WORD_VALUES[`${command} ${o.long}`] ?? valueSpec(placeholder(o), o.argChoices);
      return spec;
    });
}

const placeholder = (o: Option) => /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1] ?? '';

function valueSpec(name: string, choices: readonly string[] | undefined): ValueSpec {
  if (choices) return { type: 'choices', values: choices };
  // the placeholders the commands use for paths: <dir>, [DIR...], <file>
  if (/^dirs?$/i.test(name.replace(/\.+$/, ''))) return { type: 'directory' };
  if (/^file$/i.test(name)) return { type: 'file' };
  return { type: 'free' };
}
