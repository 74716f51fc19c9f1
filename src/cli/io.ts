import { fstatSync, writeSync } from 'node:fs';

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
  const stdoutIsTTY = isTerminal(1);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: stdioWriter(1, stdoutIsTTY),
    stderr: stdioWriter(2, isTerminal(2)),
    stdoutIsTTY,
    interactive: stdoutIsTTY && isTerminal(0),
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
  };
}

// Node builds process.stdout on first use, and for a pipe that loads its network stack, several milliseconds
// of a run that takes fifty. So only a terminal gets the stream (colours, columns, prompts). Files and pipes get
// plain synchronous writes, which is what the stream does for them on Linux anyway.

/**
 * A terminal is a character device: fstat rules out files, pipes and sockets without loading node:tty, and on
 * Linux also /dev/null and its kin (major number 1, the memory devices), where scripted runs send output.
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || (process.platform === 'linux' && ((stat.rdev >> 8) & 0xfff) === 1)) return false;
    return process.getBuiltinModule('node:tty').isatty(fd);
  } catch {
    return false; // a closed descriptor
  }
}

function stdioWriter(fd: 1 | 2, terminal: boolean): Writer {
  const stream = () => endQuietlyOnBrokenPipe(fd === 1 ? process.stdout : process.stderr);
  if (terminal) return stream();
  let fallback: Writer | undefined;
  let readerGone = false;
  return {
    write(text: string) {
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length && !readerGone;) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          // a reader that stops early (`ocppctl validate | head -1`): the rest of the output has nowhere to go,
          // but the run finishes and keeps its exit code
          if (code === 'EPIPE') readerGone = true;
          // a descriptor left non-blocking by whoever started us: the stream waits for room, so it takes over
          else if (code === 'EAGAIN') return (fallback = stream()).write(bytes.subarray(done));
          else throw err;
        }
      }
      return true;
    },
  };
}

// A reader that stops early (`ocppctl help add-slot | head -1`) closes the pipe. C tools die of SIGPIPE then;
// Node ignores SIGPIPE and emits EPIPE as an unhandled 'error', which would print a stack trace. Writes are
// atomic (temp file + rename, one transaction), so stopping at once loses nothing, as with Ctrl+C.
function endQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit();
    throw err;
  });
  return stream;
}

/** Colour is on for a terminal unless NO_COLOR is set or --no-color is given; FORCE_COLOR turns it on anywhere. */
export function colorEnabled(io: Io, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}
