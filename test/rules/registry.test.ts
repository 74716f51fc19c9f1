import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../src/rules/index.js';
import { ROOT } from '../support/paths.js';

const HEADINGS = ['## What it checks', '## Why', '## Bad', '## Good', '## How to fix'];

test('rule ids are unique, kebab-case and sorted', () => {
  const ids = rules.map((r) => r.id);
  assert.deepEqual(ids, [...new Set(ids)].sort());
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

for (const { id, description } of rules)
  test(`${id} has a source file, a test and a docs page with the standard headings`, () => {
    assert.ok(existsSync(join(ROOT, 'src/rules', `${id}.ts`)), `src/rules/${id}.ts is missing`);
    assert.ok(existsSync(join(ROOT, 'test/rules', `${id}.test.ts`)), `test/rules/${id}.test.ts is missing`);
    const page = join(ROOT, 'docs/rules', `${id}.md`);
    assert.ok(existsSync(page), `docs/rules/${id}.md is missing`);
    const text = readFileSync(page, 'utf8');
    assert.ok(text.startsWith(`# ${id}\n`), `docs/rules/${id}.md starts with "# ${id}"`);
    for (const h of HEADINGS) assert.ok(text.includes(`\n${h}`), `docs/rules/${id}.md has no "${h}"`);
    assert.ok(description.length > 0 && !description.endsWith('.'), 'one-line description without final period');
  });
