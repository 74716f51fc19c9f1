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
  const { everestRules } = await import('../../everest/index.js');
  const ruleIds = [...rules, ...everestRules].map((r) => r.id).sort();
  const spec: ProgramSpec = {
    name: program.name(),
    options: [...visibleOptions(program, ''), HELP],
    commands: [
      ...program.commands.map((c) => commandSpec(c, '')),
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

function commandSpec(c: Command, parent: string): CommandSpec {
  const path = parent ? `${parent} ${c.name()}` : c.name();
  const args = c.registeredArguments;
  const spec: CommandSpec = {
    name: c.name(),
    description: c.description(),
    options: [...visibleOptions(c, path), HELP],
    args: args.map((a) => WORD_VALUES[`${path} <${a.name()}>`] ?? valueSpec(a.name(), a.argChoices)),
    variadic: args.at(-1)?.variadic ?? false,
  };
  // nested commands (db export): the parent's first argument names one of them
  if (c.commands.length) {
    spec.subcommands = c.commands.map((sub) => commandSpec(sub, path));
    spec.args = [{ type: 'choices', values: c.commands.map((sub) => sub.name()) }];
  }
  return spec;
}

// A command of subcommands (`db export`, `log show|check|summary`): the scripts know one command level, so the
// subcommand's name is its first argument, files the rest, and the subcommands' options are merged (choices joined).

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
  // a placeholder that names its file type (migrate --from-16 <config.json>, --mappings <mappings.yaml>)
  if (/\.(json|ya?ml)$/i.test(name)) return { type: 'file' };
  return { type: 'free' };
}
