import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isOcppctlError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { CliContext } from './context.js';
import { commands } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';
import { environmentError } from './environment-error.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const EXIT_FOR: Partial<Record<ErrorCode, number>> = {
  REFUSED: EXIT.findings,
  CONNECT_FAILED: EXIT.findings,
  INTERRUPTED: EXIT.interrupted,
};

export async function run(argv: string[], io: Io): Promise<number> {
  const ctx: CliContext = { io, version: VERSION, exitCode: EXIT.ok };
  const early = checkArgv(argv);
  if (early) {
    io.stderr.write(`ocppctl: ${early}\n`);
    return EXIT.usage;
  }

  const program = new Command('ocppctl')
    .description('Validate, scaffold, migrate and connect the OCPP 2.0.1/2.1 device model of libocpp charging stations')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'plain output without colours (also NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run "ocppctl help" for the list of commands)')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  for (const [, register] of commandsFor(argv)) register(program, ctx);
  // a mistake on a command's line points at that command's own help, nested ones (db export) included
  const pointAtHelp = (cmd: Command, path: string) => {
    cmd.showHelpAfterError(`(ocppctl help ${path} shows its options)`);
    for (const sub of cmd.commands) pointAtHelp(sub, `${path} ${sub.name()}`);
  };
  for (const cmd of program.commands) pointAtHelp(cmd, cmd.name());
  const help = helpAsOption(argv, program);
  if ('unknown' in help) {
    io.stderr.write(`ocppctl: ${help.unknown}\n`);
    return EXIT.usage;
  }
  argv = help.argv;
  program.addHelpText(
    'after',
    '\nExit codes: 0 clean, 1 findings at or above the failing severity, 2 usage or input error, 130 interrupted.\n',
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      // `ocppctl help` asked for help (exit code 0); `ocppctl` or `ocppctl db` alone lacks a command (exit code 1)
      if (err.code === 'commander.help' && err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (isOcppctlError(err)) {
      io.stderr.write(`ocppctl: ${err.message}\n`);
      if (argv.includes('--debug') && err.stack) io.stderr.write(err.stack + '\n');
      return EXIT_FOR[err.code] ?? EXIT.usage;
    }
    if (isPromptCancel(err)) {
      io.stderr.write('ocppctl: cancelled\n');
      return EXIT.interrupted;
    }
    const plain = environmentError(err);
    if (plain) {
      io.stderr.write(`ocppctl: ${plain}\n`);
      if (argv.includes('--debug') && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
      return EXIT.usage;
    }
    io.stderr.write(`ocppctl: internal error: ${(err as Error)?.message ?? String(err)}; rerun with --debug and report it\n`);
    if (argv.includes('--debug') && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
    return EXIT.usage;
  } finally {
    for (const cleanup of ctx.cleanups?.splice(0).reverse() ?? []) cleanup();
  }
}

// Building all 14 commands with their options costs a few milliseconds of every run's start-up; a run that
// names its command needs only that one. Help, completion, a mistyped name (for did-you-mean) or no command get all.
function commandsFor(argv: readonly string[]) {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = first === undefined || first === 'completion' ? undefined : commands.find(([name]) => name === first);
  return named ? [named] : commands;
}

/** Mistakes found before commander reads the line; the message, or undefined. */
function checkArgv(argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  for (const a of end === -1 ? argv : argv.slice(0, end)) {
    // never echo what follows "=": it is a password
    if (a === '--password' || a.startsWith('--password='))
      return 'there is no --password option: passwords come only from --password-env VAR (the name of an environment variable holding it) or a prompt, so they stay out of shell history and ps';
  }
  return undefined;
}

/**
 * `ocppctl help db export` as `ocppctl db export --help`: commander's help command knows one level only.
 * An unknown name is refused here, so `help nosuch` says so instead of showing the general help.
 */
function helpAsOption(argv: string[], program: Command): { argv: string[] } | { unknown: string } {
  const at = argv.findIndex((a) => !a.startsWith('-'));
  if (at === -1 || argv[at] !== 'help') return { argv };
  const names = argv.slice(at + 1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) return { argv };
  let level: Command = program;
  for (const [i, name] of names.entries()) {
    const found = level.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!found) {
      if (i === 0 && name === 'help') return { argv: [...argv.slice(0, at), '--help'] };
      const parent = names.slice(0, i).join(' ');
      const near = level.commands.map((c) => c.name()).find((n) => editDistance(n, name) <= 2);
      const guess = near ? ` (did you mean ${near}?)` : '';
      return {
        unknown: `unknown command "${names.slice(0, i + 1).join(' ')}"${guess}; ocppctl help${parent ? ` ${parent}` : ''} lists the commands`,
      };
    }
    level = found;
  }
  return { argv: [...argv.slice(0, at), ...names, '--help'] };
}

/** Levenshtein distance, for a did-you-mean among a handful of short command names. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

// inquirer rejects with ExitPromptError when the user presses Ctrl+C at a prompt
const isPromptCancel = (err: unknown) => err instanceof Error && err.name === 'ExitPromptError';
