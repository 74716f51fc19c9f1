import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { BIN } from '../support/paths.js';

export interface CsmsChild {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** peak resident memory of the process so far (Linux VmHWM), in bytes */
  peakRss: () => number | undefined;
  stop: () => Promise<void>;
}

/** `ocppctl csms` as a real process on a free port; resolves once it listens. */
export async function startCsmsChild(args: string[], env: Record<string, string> = {}): Promise<CsmsChild> {
  const child = spawn(process.execPath, [BIN, 'csms', '--port', '0', ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`csms did not start: ${out} ${err}`)), 15_000);
      const look = () => {
        const m = /listening on (wss?:\/\/\S+)/.exec(out);
        if (m && out.includes('Ctrl-C')) {
          clearTimeout(timer);
          child.stdout.off('data', look);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`csms exited with ${code}: ${err}`));
      });
    });
    const peakRss = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmHWM:\s+(\d+) kB/.exec(status);
        return kb ? Number(kb[1]) * 1024 : undefined;
      } catch {
        return undefined;
      }
    };
    return { child, url, stdout: () => out, stderr: () => err, peakRss, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Waits until `done()` holds, polling; for log lines a child prints on its own time. */
export async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting for the csms log');
    await new Promise((r) => setTimeout(r, 25));
  }
}
