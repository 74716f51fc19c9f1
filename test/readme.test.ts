import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/index.js';
import { rulesTable } from '../src/rules/rules-table.js';
import { ROOT } from './support/paths.js';

test('the README rules table lists every registered rule as the registry describes it', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
  assert.ok(block !== undefined, 'README.md has no rules table markers');
  assert.equal(block, rulesTable(rules), 'README rules table is out of date: run npm run build && npm run docs:rules');
});

test('the README keeps the two first-screen commands', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const firstScreen = readme.split('\n').slice(0, 12).join('\n');
  assert.match(firstScreen, /npm ci && npm run build && node bin\/ocppctl validate component_config/);
  assert.match(firstScreen, /\nnpm test\n/);
});
