import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, REFERENCE, ROOT, needsReference } from '../support/paths.js';

// One harness for every writing command: run it once to learn the new state and its duration, then start it
// again and again from the old state and SIGKILL it at a random moment. Whatever moment, the target must be
// the old state or the new one; a journal left by a file plan must undo (`recover --undo`) to the old state.
const KILLS = Number(process.env.KILLS ?? 10);
const JOURNAL = '.ocppctl-journal.json';
const LOCK = '.ocppctl-lock';
const PASSWORD = { OCPPCTL_KILL_PW: 'kill-test-password-0123' };

type State = string;

function treeState(dir: string): State {
  if (!existsSync(dir)) return 'absent';
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      // a killed atomic write may leave its hidden temp file, and a killed writer its tree lock (the next writer
      // takes it over: test/cli/tree-lock.test.ts); libocpp reads only *.json, so both are litter, not state
      else if (!n.endsWith('.tmp') && n !== JOURNAL && !n.startsWith(LOCK)) files.push(`${relative(dir, p)}\n${readFileSync(p, 'latin1')}`);
    }
  };
  walk(dir);
  return files.join('\n\0\n');
}

function dbState(file: string): State {
  if (!existsSync(file)) return 'absent';
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const ok = db.pragma('integrity_check', { simple: true });
    assert.equal(ok, 'ok', `${file} is corrupt`);
    return tables
      .map(
        (t) =>
          `${t}\n${JSON.stringify(
            db
              .prepare(`SELECT * FROM "${t}"`)
              .raw()
              .all()
              .map((r) => JSON.stringify(r))
              .sort(),
          )}`,
      )
      .join('\n');
  } finally {
    db.close();
  }
}

interface KillCase {
  /** A fresh old state; returns the folder the command works in. */
  setup(): string;
  args(work: string): string[];
  state(work: string): State;
  /** Where a file plan keeps its journal, when the command uses one. */
  configDir?(work: string): string;
}

const ocppctl = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...PASSWORD } });

// one private copy of the shipped config for the whole run, so every old state is the same whatever happens
// to component_config/ meanwhile
const TEMPLATE = join(mkdtempSync(join(tmpdir(), 'ocppctl-kill-template-')), 'component_config');
cpSync(join(ROOT, 'component_config'), TEMPLATE, { recursive: true });
const shippedCopy = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-kill-')), 'component_config');
  cpSync(TEMPLATE, dir, { recursive: true });
  return dir;
};
const config = (work: string) => work;

const cases: Record<string, KillCase> = {
  'add-slot': {
    setup: shippedCopy,
    args: (w) => [
      'add-slot',
      '-c',
      w,
      '--url',
      'wss://csms.example.com/ocpp',
      '--security-profile',
      '2',
      '--password-env',
      'OCPPCTL_KILL_PW',
    ],
    state: treeState,
    configDir: config,
  },
  'set-slot': {
    setup: shippedCopy,
    args: (w) => [
      'set-slot',
      '2',
      '-c',
      w,
      '--url',
      'wss://new-backup.example.com/ocpp',
      '--message-timeout',
      '45',
      '--password-env',
      'OCPPCTL_KILL_PW',
    ],
    state: treeState,
    configDir: config,
  },
  'remove-slot': { setup: shippedCopy, args: (w) => ['remove-slot', '2', '-c', w, '--force'], state: treeState, configDir: config },
  'set-priority': { setup: shippedCopy, args: (w) => ['set-priority', '2,1', '-c', w, '--force'], state: treeState, configDir: config },
  migrate: {
    setup: () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-kill-')), 'component_config');
      cpSync(join(REFERENCE, 'everest-component-config'), dir, { recursive: true });
      return dir;
    },
    args: (w) => ['migrate', '-c', w],
    state: treeState,
    configDir: config,
  },
  'migrate --from-16': {
    setup: () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-kill-')), 'component_config');
      cpSync(join(REFERENCE, 'everest-component-config'), dir, { recursive: true });
      return dir;
    },
    args: (w) => ['migrate', '--from-16', join(REFERENCE, 'everest/lib/everest/ocpp/config/v16/config-full.json'), '-c', w],
    state: treeState,
    configDir: config,
  },
  'migrate --from-16 --db': {
    setup: () => {
      const work = mkdtempSync(join(tmpdir(), 'ocppctl-kill-db-'));
      const r = ocppctl(['init-db', '-c', join(REFERENCE, 'everest-component-config'), '--db', join(work, 'device_model.db')]);
      assert.equal(r.status, 0, r.stderr);
      return work;
    },
    args: (w) => [
      'migrate',
      '--from-16',
      join(REFERENCE, 'everest/lib/everest/ocpp/config/v16/config-full.json'),
      '--db',
      join(w, 'device_model.db'),
    ],
    state: (w) => dbState(join(w, 'device_model.db')),
  },
  'init-db (update of an existing database)': {
    setup: () => {
      const work = mkdtempSync(join(tmpdir(), 'ocppctl-kill-db-'));
      cpSync(TEMPLATE, join(work, 'a'), { recursive: true });
      const r = ocppctl(['init-db', '-c', join(work, 'a'), '--db', join(work, 'device_model.db')]);
      assert.equal(r.status, 0, r.stderr);
      cpSync(TEMPLATE, join(work, 'b'), { recursive: true });
      assert.equal(ocppctl(['remove-slot', '2', '-c', join(work, 'b'), '--force']).status, 0);
      return work;
    },
    args: (w) => ['init-db', '-c', join(w, 'b'), '--db', join(w, 'device_model.db')],
    state: (w) => dbState(join(w, 'device_model.db')),
  },
  'init-db (new database)': {
    setup: () => mkdtempSync(join(tmpdir(), 'ocppctl-kill-db-')),
    args: (w) => ['init-db', '-c', TEMPLATE, '--db', join(w, 'device_model.db')],
    state: (w) => dbState(join(w, 'device_model.db')),
  },
  init: {
    setup: () => mkdtempSync(join(tmpdir(), 'ocppctl-kill-init-')),
    args: (w) => [
      'init',
      join(w, 'station'),
      '--ocpp',
      '2.0.1',
      '--evses',
      '2',
      '--connectors-per-evse',
      '1',
      '--current',
      'AC',
      '--slots',
      '2',
      '--csms-url',
      'ws://csms.example.com/ocpp',
      '--security-profile',
      '1',
      '--identity',
      'cp001',
      '--password-env',
      'OCPPCTL_KILL_PW',
    ],
    state: (w) => treeState(join(w, 'station')),
  },
};

function runAndKill(args: string[], afterMs: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, ...PASSWORD } });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

const commandExists = (name: string) => ocppctl(['help', name.split(' ')[0]]).status === 0;

for (const [name, c] of Object.entries(cases)) {
  test(
    `${name} killed at random moments leaves the old state or the new one`,
    { skip: (!commandExists(name) && 'command not built') || (name.startsWith('migrate') && needsReference.skip) || undefined },
    async () => {
      const before = c.state(c.setup());
      const work = c.setup();
      const started = performance.now();
      const first = ocppctl(c.args(work));
      const duration = performance.now() - started;
      assert.equal(first.status, 0, first.stderr);
      const after = c.state(work);
      assert.notEqual(after, before, 'the command changed nothing');

      const seen = { old: 0, new: 0, undone: 0 };
      let killed = 0;
      for (let i = 0; i < KILLS; i++) {
        const dir = c.setup();
        // the first ~100 ms are Node starting and loading; most kills should land in the part that writes
        const signal = await runAndKill(c.args(dir), duration * (0.3 + 0.8 * Math.random()));
        if (signal === 'SIGKILL') killed++;
        const journal = c.configDir && existsSync(join(c.configDir(dir), JOURNAL));
        if (journal && JSON.parse(readFileSync(join(c.configDir!(dir), JOURNAL), 'utf8')).state === 'done') {
          // killed while removing backups: every file is already new, so the change can only be finished
          assert.equal(ocppctl(['recover', '-c', c.configDir!(dir), '--undo']).status, 1);
          const finish = ocppctl(['recover', '-c', c.configDir!(dir), '--finish']);
          assert.equal(finish.status, 0, finish.stderr);
          assert.equal(c.state(dir), after, `kill ${i}: recover --finish after a completed change did not keep the new state`);
          seen.new++;
          continue;
        }
        if (journal) {
          const undo = ocppctl(['recover', '-c', c.configDir!(dir), '--undo']);
          assert.equal(undo.status, 0, undo.stderr);
          assert.equal(c.state(dir), before, `kill ${i}: recover --undo did not restore the old state`);
          seen.undone++;
          continue;
        }
        const now = c.state(dir);
        assert.ok(now === before || now === after, `kill ${i} (signal ${signal}): the state is neither old nor new`);
        seen[now === before ? 'old' : 'new']++;
      }
      console.log(
        `kill test ${name}: ${KILLS} runs, ${killed} killed; found old ${seen.old}, new ${seen.new}, undone from a journal ${seen.undone}`,
      );
    },
  );
}
