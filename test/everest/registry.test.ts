import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { everestRules } from '../../src/everest/index.js';
import { rules } from '../../src/rules/index.js';
import { ROOT } from '../support/paths.js';

const HEADINGS = ['## What it checks', '## Why', '## Bad', '## Good', '## How to fix'];

test('EVerest rule ids are unique, sorted, prefixed everest- and distinct from the device-model rules', () => {
  const ids = everestRules.map((r) => r.id);
  assert.deepEqual(ids, [...new Set(ids)].sort());
  for (const id of ids) assert.match(id, /^everest-[a-z0-9]+(-[a-z0-9]+)*$/);
  for (const r of rules) assert.ok(!ids.includes(r.id));
});

for (const { id, description } of everestRules)
  test(`${id} has a source file, a test and a docs page quoting what EVerest says`, () => {
    assert.ok(existsSync(join(ROOT, 'src/everest/rules', `${id}.ts`)), `src/everest/rules/${id}.ts is missing`);
    assert.ok(existsSync(join(ROOT, 'test/everest/rules', `${id}.test.ts`)), `test/everest/rules/${id}.test.ts is missing`);
    const page = join(ROOT, 'docs/rules', `${id}.md`);
    assert.ok(existsSync(page), `docs/rules/${id}.md is missing`);
    const text = readFileSync(page, 'utf8');
    assert.ok(text.startsWith(`# ${id}\n`));
    for (const h of HEADINGS) assert.ok(text.includes(`\n${h}`), `docs/rules/${id}.md has no "${h}"`);
    assert.ok(description.length > 0 && !description.endsWith('.'));
  });
