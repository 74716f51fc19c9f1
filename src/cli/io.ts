export interface Writer {
  write(text: string): unknown;
}

/** Everything a command may use of the outside world; tests pass their own. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  /** Whether stdout is a terminal (colour, progress bars). */
  stdoutIsTTY: boolean;
  /** Whether stdin and stdout are a terminal, so prompts may be shown. */
  interactive: boolean;
  /** Number of terminal columns, when known. */
  columns?: number;
}

export function nodeIo(): Io {
  endQuietlyOnBrokenPipe(process.stdout);
  endQuietlyOnBrokenPipe(process.stderr);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    columns: process.stdout.columns,
  };
}

// A reader that stops early (`ocppctl help add-slot | head -1`) closes the pipe. C tools die of SIGPIPE then;
// Node ignores SIGPIPE and emits EPIPE as an unhandled 'error', which would print a stack trace. Writes are
// atomic (temp file + rename), so stopping at once loses nothing, as with Ctrl+C.
function endQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit();
    throw err;
  });
}

/** Colour is on for a terminal unless NO_COLOR is set or --no-color is given; FORCE_COLOR turns it on anywhere. */
export function colorEnabled(io: Io, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}
