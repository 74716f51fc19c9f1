import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../support/cli.js';
import { stationCopy } from '../support/port-a-trees.js';

const JOURNAL = '.ocppctl-journal.json';

/** Every file of the tree, hidden ones included, with its text. */
const snapshot = (dir: string) =>
  new Map(
    ['', 'standardized', 'custom'].flatMap((f) =>
      readdirSync(join(dir, f), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [`${f}/${e.name}`, readFileSync(join(dir, f, e.name), 'utf8')] as [string, string]),
    ),
  );

interface Scene {
  tree: string;
  /** Files outside the tree that a crafted journal aims at, with their text. */
  victims: Map<string, string>;
}

/** A tree next to victim files, and a folder outside it reached through a symbolic link inside standardized/. */
async function scene(): Promise<Scene> {
  const tree = await stationCopy();
  const beside = dirname(tree);
  const outside = mkdtempSync(join(tmpdir(), 'ocppctl-outside-'));
  symlinkSync(outside, join(tree, 'standardized/out'));
  const victims = new Map([
    [join(beside, 'victim.txt'), 'precious\n'],
    [join(beside, '.victim.txt.0000000a.tmp'), 'attacker text\n'],
    [join(beside, '.victim.txt.0000000a.bak'), 'attacker text\n'],
    [join(outside, 'victim.txt'), 'precious too\n'],
    [join(outside, '.victim.txt.0000000a.tmp'), 'attacker text\n'],
    [join(outside, '.victim.txt.0000000a.bak'), 'attacker text\n'],
  ]);
  for (const [p, text] of victims) writeFileSync(p, text);
  return { tree, victims };
}

const entry = (kind: string, path: string) => {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const base = path.slice(dir.length);
  return {
    kind,
    path,
    ...(kind !== 'delete' ? { temp: `${dir}.${base}.0000000a.tmp` } : {}),
    ...(kind !== 'create' ? { backup: `${dir}.${base}.0000000a.bak` } : {}),
  };
};

const crafted: Record<string, { journal: (s: Scene) => unknown; located: RegExp }> = {
  'a path with ..': {
    journal: () => ({ command: 'add-slot', state: 'committing', entries: [entry('edit', '../victim.txt')] }),
    located: /entries\[0\]\.path "\.\.\/victim\.txt" is not a plain path inside the tree/,
  },
  'a delete with ..': {
    journal: () => ({ command: 'remove-slot', state: 'committing', entries: [entry('delete', '../victim.txt')] }),
    located: /entries\[0\]\.path .* not a plain path/,
  },
  'an absolute path': {
    journal: (s) => ({ command: 'add-slot', state: 'committing', entries: [entry('edit', join(dirname(s.tree), 'victim.txt'))] }),
    located: /entries\[0\]\.path ".*victim\.txt" is an absolute path/,
  },
  'a symbolic link leading out': {
    journal: () => ({ command: 'add-slot', state: 'committing', entries: [entry('edit', 'standardized/out/victim.txt')] }),
    located: /entries\[0\]\.path "standardized\/out\/victim\.txt" leads outside the tree through a symbolic link/,
  },
  'a good entry, then a bad one': {
    journal: () => ({
      command: 'add-slot',
      state: 'committing',
      entries: [entry('edit', 'standardized/OCPPCommCtrlr.json'), entry('delete', 'custom/../../victim.txt')],
    }),
    located: /entries\[1\]\.path/,
  },
  'a temp file that is a component file of the tree': {
    journal: () => ({
      command: 'add-slot',
      state: 'committing',
      entries: [{ kind: 'create', path: 'standardized/X.json', temp: 'standardized/OCPPCommCtrlr.json' }],
    }),
    located: /entries\[0\]\.temp "standardized\/OCPPCommCtrlr\.json" is not a tmp file of "standardized\/X\.json"/,
  },
  'entries that are not an array': {
    journal: () => ({ command: 'add-slot', state: 'committing', entries: 'all' }),
    located: /entries must be an array/,
  },
  'an entry that is a number': {
    journal: () => ({ command: 'add-slot', state: 'committing', entries: [5] }),
    located: /entries\[0\] must be an object/,
  },
  'an unknown kind': {
    journal: () => ({ command: 'add-slot', state: 'committing', entries: [{ kind: 'move', path: 'a.json' }] }),
    located: /entries\[0\]\.kind must be one of create, edit, delete/,
  },
  'a path that is a number': {
    journal: () => ({ command: 'add-slot', state: 'committing', entries: [{ kind: 'delete', path: 7 }] }),
    located: /entries\[0\]\.path must be a non-empty string/,
  },
  'an unknown state': {
    journal: () => ({ command: 'add-slot', state: 'half', entries: [] }),
    located: /state must be one of preparing, committing, done/,
  },
  'a command with control characters': {
    journal: () => ({ command: 'add-slot\u001b[2J', state: 'committing', entries: [] }),
    located: /command must be the name of an ocppctl command/,
  },
  'not JSON': { journal: () => '{"command": "add-slot", ', located: /is not valid JSON/ },
};

for (const [name, { journal, located }] of Object.entries(crafted)) {
  test(`a crafted journal with ${name} is refused by recover --finish and --undo with a located error; nothing inside or outside the tree is touched`, async () => {
    for (const mode of ['--finish', '--undo']) {
      const s = await scene();
      const j = journal(s);
      writeFileSync(join(s.tree, JOURNAL), typeof j === 'string' ? j : JSON.stringify(j));
      const before = snapshot(s.tree);
      const r = await runCli(['recover', '-c', s.tree, mode]);
      assert.equal(r.code, 2, `${mode}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`\\.ocppctl-journal\\.json: ${located.source}`), mode);
      assert.match(r.stderr, /nothing was changed/);
      for (const [p, text] of s.victims) assert.equal(existsSync(p) && readFileSync(p, 'utf8'), text, `${mode}: ${p} was touched`);
      assert.deepEqual(snapshot(s.tree), before, `${mode}: the tree was touched`);
      // every writing command reads the same journal: it refuses the same way, without pointing at recover
      const w = await runCli(['set-priority', '1', '-c', s.tree]);
      assert.equal(w.code, 2, w.stderr);
      assert.match(w.stderr, located);
      assert.doesNotMatch(w.stderr, /ocppctl recover/);
    }
  });
}

test('recover removes the temp file of the journal itself, with or without a journal', async () => {
  const tree = await stationCopy();
  writeFileSync(join(tree, '.ocppctl-journal.json.1a2b3c4d.tmp'), '{"command": "add-sl');
  const r = await runCli(['recover', '-c', tree, '--undo']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /no interrupted change/);
  assert.equal(existsSync(join(tree, '.ocppctl-journal.json.1a2b3c4d.tmp')), false);

  mkdirSync(join(tree, 'custom'), { recursive: true });
  writeFileSync(join(tree, 'custom/.New.json.0000000b.tmp'), '{}');
  writeFileSync(
    join(tree, JOURNAL),
    JSON.stringify({
      command: 'add-slot',
      state: 'preparing',
      entries: [entry('create', 'custom/New.json')].map((e) => ({ ...e, temp: 'custom/.New.json.0000000b.tmp' })),
    }),
  );
  writeFileSync(join(tree, '.ocppctl-journal.json.5e6f7a8b.tmp'), '{}');
  const u = await runCli(['recover', '-c', tree, '--undo']);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(
    readdirSync(tree).filter((n) => n.startsWith('.')),
    [],
  );
  assert.deepEqual(
    readdirSync(join(tree, 'custom')).filter((n) => n.startsWith('.')),
    [],
  );
});

test('a journal written by ocppctl itself still recovers (the checks refuse nothing it writes)', async () => {
  for (const mode of ['--finish', '--undo'] as const) {
    const tree = await stationCopy();
    const file = join(tree, 'standardized/OCPPCommCtrlr.json');
    const old = readFileSync(file, 'utf8');
    writeFileSync(join(tree, 'standardized/.OCPPCommCtrlr.json.0000000c.tmp'), 'new text\n');
    writeFileSync(join(tree, 'standardized/.OCPPCommCtrlr.json.0000000c.bak'), old);
    writeFileSync(
      join(tree, JOURNAL),
      JSON.stringify({
        command: 'set-priority',
        state: 'committing',
        entries: [
          {
            kind: 'edit',
            path: 'standardized/OCPPCommCtrlr.json',
            temp: 'standardized/.OCPPCommCtrlr.json.0000000c.tmp',
            backup: 'standardized/.OCPPCommCtrlr.json.0000000c.bak',
          },
        ],
      }),
    );
    const r = await runCli(['recover', '-c', tree, mode]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), mode === '--finish' ? 'new text\n' : old);
    assert.deepEqual(
      readdirSync(join(tree, 'standardized')).filter((n) => n.startsWith('.')),
      [],
    );
  }
});
