import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

// A station's own SQLite connection in another process (better-sqlite3, as the tests' Database), driven line by
// line over stdin: each command answers "ok [result]" or "err CODE message" on stdout.
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

const SCRIPT = `
const Database = require(${JSON.stringify(BETTER_SQLITE3)});
const [path, timeout] = process.argv.slice(1);
const db = new Database(path, { fileMustExist: true, timeout: Number(timeout) });
const heartbeat = "(SELECT a.ID FROM VARIABLE_ATTRIBUTE a JOIN VARIABLE v ON v.ID = a.VARIABLE_ID JOIN COMPONENT c ON c.ID = v.COMPONENT_ID " +
  "WHERE c.NAME = 'OCPPCommCtrlr' AND v.NAME = 'HeartbeatInterval' AND a.TYPE_ID = 0)";
const commands = {
  'begin-read': () => { db.exec('BEGIN'); return db.prepare('SELECT COUNT(*) AS n FROM COMPONENT').get().n; },
  'begin-write': () => db.exec('BEGIN IMMEDIATE') && '',
  read: () => db.prepare('SELECT COUNT(*) AS n FROM COMPONENT').get().n,
  // a value the CSMS set: libocpp's update keeps it (source not 'default')
  'set-heartbeat': (v) => db.prepare("UPDATE VARIABLE_ATTRIBUTE SET VALUE = ?, VALUE_SOURCE = 'csms' WHERE ID = " + heartbeat).run(v).changes,
  'get-heartbeat': () => db.prepare('SELECT VALUE FROM VARIABLE_ATTRIBUTE WHERE ID = ' + heartbeat).get().VALUE,
  commit: () => db.exec('COMMIT') && '',
  integrity: () => db.pragma('integrity_check', { simple: true }),
  // a station that opens the file for one write (as one restarting does): reads the value, writes a new one,
  // closes; answers the value it read
  cycle: (v) => {
    const c = new Database(path, { fileMustExist: true, timeout: Number(timeout) });
    try {
      const before = c.prepare('SELECT VALUE FROM VARIABLE_ATTRIBUTE WHERE ID = ' + heartbeat).get().VALUE;
      c.prepare("UPDATE VARIABLE_ATTRIBUTE SET VALUE = ?, VALUE_SOURCE = 'csms' WHERE ID = " + heartbeat).run(v);
      return before;
    } finally {
      c.close();
    }
  },
  close: () => { db.close(); setImmediate(() => process.exit(0)); return ''; },
};
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, ...args] = line.split(' ');
  try {
    process.stdout.write('ok ' + commands[cmd](...args) + '\\n');
  } catch (err) {
    process.stdout.write('err ' + err.code + ' ' + err.message + '\\n');
  }
});
process.stdout.write('ok ready\\n');
`;

export class StationConnection {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: string[] = [];
  private waiting: ((line: string) => void)[] = [];

  private constructor(path: string, timeoutMs: number) {
    this.child = spawn(process.execPath, ['-e', SCRIPT, path, String(timeoutMs)], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
      else this.answers.push(line);
    });
  }

  /** Opens the connection (it reads nothing until told to). */
  static async open(path: string, timeoutMs = 5000): Promise<StationConnection> {
    const s = new StationConnection(path, timeoutMs);
    const ready = await s.answer();
    if (ready !== 'ok ready') throw new Error(`station connection did not start: ${ready}`);
    return s;
  }

  private answer(): Promise<string> {
    const line = this.answers.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.child.once('exit', (code) => reject(new Error(`station connection exited (${code})`)));
    });
  }

  /** Runs one command; throws with SQLite's code when it fails. */
  async run(command: string): Promise<string> {
    this.child.stdin.write(command + '\n');
    const line = await this.answer();
    if (!line.startsWith('ok ')) throw Object.assign(new Error(`${command}: ${line}`), { code: line.split(' ')[1] });
    return line.slice(3);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.write('close\n');
    await exited;
  }

  kill() {
    this.child.kill('SIGKILL');
  }
}
