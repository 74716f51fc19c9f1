// A plain description of a command line, enough to complete it in any shell. The CLI derives it from its
// commander program, so the completion follows every new command and option without being edited.

/** What the shell offers for a value (of an option or a positional argument). */
export type ValueSpec =
  | { type: 'free' }
  | { type: 'choices'; values: readonly string[] }
  | { type: 'file' }
  | { type: 'directory' }
  /** One of the program's named word lists (catalog names, rule ids): offered, never enforced. */
  | { type: 'words'; list: string };

export interface OptionSpec {
  /** Every spelling, e.g. `['-c', '--config']`. */
  names: string[];
  description: string;
  /** Absent for a switch. */
  value?: ValueSpec;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Positional arguments in order; when `variadic`, the last one repeats. */
  args: ValueSpec[];
  variadic: boolean;
  /** Nested commands (`db export`); the command's own first argument then names one of them. */
  subcommands?: CommandSpec[];
}

export interface ProgramSpec {
  name: string;
  options: OptionSpec[];
  commands: CommandSpec[];
  words: Record<string, readonly string[]>;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** A shell identifier made of the program name (`init-db` → `init_db`). */
export const identifier = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_');

/** Quotes text for a POSIX shell or zsh single-quoted string. */
export const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function valueTakingOptions(options: OptionSpec[]): string[] {
  return options.filter((o) => o.value).flatMap((o) => o.names);
}

/** Every command with its path (`db`, `db export`), parents before their subcommands. */
export function commandPaths(commands: readonly CommandSpec[], parent = ''): { path: string; command: CommandSpec }[] {
  return commands.flatMap((c) => {
    const path = parent ? `${parent} ${c.name}` : c.name;
    return [{ path, command: c }, ...commandPaths(c.subcommands ?? [], path)];
  });
}
