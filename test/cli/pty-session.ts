import { spawn } from 'node-pty';
import { BIN } from '../support/paths.js';

/** Drives the real executable in a pseudo-terminal: waits for output, never for time. */
export function ptySession(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cols: 200,
    rows: 40,
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NO_COLOR: '1', ...opts.env },
  });
  let output = '';
  let seen = 0;
  const waiters: { re: RegExp; resolve: () => void; reject: (err: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.re.exec(output.slice(seen));
      if (m) {
        seen += m.index + m[0].length;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.onData((d) => {
    output += d;
    check();
  });
  let done = false;
  const exited = new Promise<number>((resolve) =>
    child.onExit((e) => {
      done = true;
      for (const w of waiters.splice(0)) w.reject(new Error(`exited with ${e.exitCode} before ${w.re} appeared; output:\n${output}`));
      resolve(e.exitCode);
    }),
  );
  return {
    /** Resolves once the output after the previous match matches `re`. */
    expect(re: RegExp): Promise<void> {
      return new Promise((resolve, reject) => {
        if (done) return reject(new Error(`already exited before ${re} appeared; output:\n${output}`));
        waiters.push({ re, resolve, reject });
        check();
      });
    },
    write: (s: string) => child.write(s),
    /** Ends the child if it still runs, so a failed expectation never leaves the test process hanging. */
    close: () => {
      if (!done) child.kill();
    },
    exited,
    output: () => output,
  };
}

export const KEY = { down: '\x1b[B', enter: '\r', clearLine: '\x15' } as const;
