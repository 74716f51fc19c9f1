import type { Command } from 'commander';
import type { Io } from './io.js';
import { colorEnabled } from './io.js';

export interface CliContext {
  io: Io;
  version: string;
  exitCode: number;
  /** Run when the command ends, however it ends (the config tree's lock is released here). */
  cleanups?: (() => void)[];
}

/** The global options, read from the root command whatever subcommand runs. */
export function globals(cmd: Command): { color: boolean | undefined; debug: boolean } {
  let root = cmd;
  while (root.parent) root = root.parent;
  const o = root.opts<{ color?: boolean; debug?: boolean }>();
  return { color: o.color, debug: Boolean(o.debug) };
}

export const useColor = (ctx: CliContext, cmd: Command) => colorEnabled(ctx.io, globals(cmd).color);

/** Appends an "Examples:" section to a command's --help. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}
