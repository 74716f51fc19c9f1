import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan, recoverPlan, renderPlanDiff, writeAtomic, JOURNAL, findInterruptedChange } from '../../src/files/index.js';
import type { FilePlan } from '../../src/files/index.js';

function tempTree() {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-plan-'));
  mkdirSync(join(root, 'standardized'));
  writeFileSync(join(root, 'standardized/a.json'), 'old a\n');
  writeFileSync(join(root, 'standardized/gone.json'), 'old gone\n');
  return root;
}

const listing = (root: string) => readdirSync(join(root, 'standardized')).sort();

function plan(root: string): FilePlan {
  return {
    root,
    command: 'test',
    changes: [
      { kind: 'edit', path: join(root, 'standardized/a.json'), file: 'standardized/a.json', before: 'old a\n', after: 'new a\n' },
      { kind: 'create', path: join(root, 'standardized/b.json'), file: 'standardized/b.json', after: 'new b\n' },
      { kind: 'delete', path: join(root, 'standardized/gone.json'), file: 'standardized/gone.json', before: 'old gone\n' },
    ],
  };
}

test('writeAtomic replaces the file and leaves no temp file behind', async () => {
  const root = tempTree();
  await writeAtomic(join(root, 'standardized/a.json'), 'replaced\n');
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'replaced\n');
  assert.deepEqual(listing(root), ['a.json', 'gone.json']);
});

test('a plan applies every creation, edit and deletion and cleans up after itself', async () => {
  const root = tempTree();
  await applyPlan(plan(root));
  assert.deepEqual(listing(root), ['a.json', 'b.json']);
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'new a\n');
  assert.equal(readFileSync(join(root, 'standardized/b.json'), 'utf8'), 'new b\n');
  assert.equal(existsSync(join(root, JOURNAL)), false);
});

test('a plan whose file changed meanwhile is refused and writes nothing', async () => {
  const root = tempTree();
  writeFileSync(join(root, 'standardized/a.json'), 'edited by someone else\n');
  await assert.rejects(applyPlan(plan(root)), /changed while ocppctl was working/);
  assert.deepEqual(listing(root), ['a.json', 'gone.json']);
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'edited by someone else\n');
});

test('a plan that would write outside its tree is refused before anything is written', async () => {
  const root = tempTree();
  const escape: FilePlan = {
    root,
    command: 'test',
    changes: [
      { kind: 'edit', path: join(root, 'standardized/a.json'), file: 'standardized/a.json', before: 'old a\n', after: 'new a\n' },
      { kind: 'create', path: join(root, '../escaped.json'), file: '../escaped.json', after: 'x\n' },
    ],
  };
  await assert.rejects(applyPlan(escape), /lies outside/);
  assert.equal(existsSync(join(root, '../escaped.json')), false);
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'old a\n');
  assert.equal(existsSync(join(root, JOURNAL)), false);
});

test('a rename that fails part-way restores every old file', async () => {
  const root = tempTree();
  const p = plan(root);
  // a non-empty folder where a file should go makes the second rename fail after the first succeeded
  mkdirSync(join(root, 'standardized/c.json/x'), { recursive: true });
  p.changes.splice(2, 0, { kind: 'create', path: join(root, 'standardized/c.json/x'), file: 'standardized/c.json/x', after: 'x' });
  p.changes[2] = { kind: 'create', path: join(root, 'standardized/c.json'), file: 'standardized/c.json', after: 'x' };
  await assert.rejects(applyPlan(p));
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'old a\n');
  assert.equal(readFileSync(join(root, 'standardized/gone.json'), 'utf8'), 'old gone\n');
  assert.deepEqual(listing(root), ['a.json', 'c.json', 'gone.json']);
  assert.equal(existsSync(join(root, JOURNAL)), false);
});

test('an interrupted change blocks the next one until it is finished or undone', async () => {
  for (const mode of ['finish', 'undo'] as const) {
    const root = tempTree();
    // the state a kill right after the first rename leaves: a's new text in place, b still a temp file
    writeFileSync(join(root, 'standardized/.a.json.1.bak'), 'old a\n');
    writeFileSync(join(root, 'standardized/a.json'), 'new a\n');
    writeFileSync(join(root, 'standardized/.b.json.2.tmp'), 'new b\n');
    writeFileSync(
      join(root, JOURNAL),
      JSON.stringify({
        command: 'add-slot',
        state: 'committing',
        entries: [
          { kind: 'edit', path: 'standardized/a.json', temp: 'standardized/.a.json.3.tmp', backup: 'standardized/.a.json.1.bak' },
          { kind: 'create', path: 'standardized/b.json', temp: 'standardized/.b.json.2.tmp' },
        ],
      }),
    );
    assert.equal(findInterruptedChange(root)?.command, 'add-slot');
    await assert.rejects(applyPlan(plan(root)), /interrupted "add-slot".*recover/);
    await recoverPlan(root, mode);
    assert.equal(existsSync(join(root, JOURNAL)), false);
    if (mode === 'finish') {
      assert.deepEqual(listing(root), ['a.json', 'b.json', 'gone.json']);
      assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'new a\n');
    } else {
      assert.deepEqual(listing(root), ['a.json', 'gone.json']);
      assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'old a\n');
    }
  }
});

test('a change killed while removing its backups can be finished but not undone', async () => {
  const root = tempTree();
  await applyPlan(plan(root));
  // the state a kill leaves after every rename and part of the clean-up: journal "done", a backup gone
  const journal = {
    command: 'test',
    state: 'done',
    entries: [{ kind: 'edit', path: 'standardized/a.json', temp: 'standardized/.a.json.0.tmp', backup: 'standardized/.a.json.0.bak' }],
  };
  writeFileSync(join(root, JOURNAL), JSON.stringify(journal));
  assert.match(String(findInterruptedChange(root)?.canUndo), /false/);
  await assert.rejects(recoverPlan(root, 'undo'), /cannot be undone; run with --finish/);
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'new a\n');
  await recoverPlan(root, 'finish');
  assert.equal(existsSync(join(root, JOURNAL)), false);
  assert.equal(readFileSync(join(root, 'standardized/a.json'), 'utf8'), 'new a\n');
});

test('the dry-run diff shows created, edited and deleted files as a unified diff', () => {
  const diff = renderPlanDiff(plan('/r'));
  assert.match(diff, /^--- a\/standardized\/a.json\n\+\+\+ b\/standardized\/a.json\n@@ -1,1 \+1,1 @@\n-old a\n\+new a\n/);
  assert.match(diff, /--- \/dev\/null\n\+\+\+ b\/standardized\/b.json\n@@ -0,0 \+1,1 @@\n\+new b\n/);
  assert.match(diff, /--- a\/standardized\/gone.json\n\+\+\+ \/dev\/null\n/);
});
