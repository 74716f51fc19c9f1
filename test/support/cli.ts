import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a captured Io: no terminal, colour off unless env says otherwise. */
export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...opts.env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: false,
    interactive: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** `ocppctl init DIR` for a one-EVSE, one-connector AC station on OCPP 2.0.1, then `extra` options. */
export const initArgs = (dir: string, ...extra: string[]): string[] => [
  'init',
  dir,
  '--ocpp',
  '2.0.1',
  '--evses',
  '1',
  '--connectors-per-evse',
  '1',
  '--current',
  'AC',
  ...extra,
];
