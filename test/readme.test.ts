import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/index.js';
import { rulesTable } from '../src/rules/rules-table.js';
import { everestRules } from '../src/everest/registry.js';
import { ROOT } from './support/paths.js';

test('the README rules table lists every registered rule as the registry describes it', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
  assert.ok(block !== undefined, 'README.md has no rules table markers');
  assert.equal(
    block,
    rulesTable([...rules, ...everestRules.map((r) => ({ ...r, targets: ['--everest-config'] }))]),
    'README rules table is out of date: run npm run build && npm run docs:rules',
  );
});

test('the README keeps the two first-screen commands', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const firstScreen = readme.split('\n').slice(0, 12).join('\n');
  assert.match(firstScreen, /npm ci && npm run build && node bin\/ocppctl validate component_config/);
  assert.match(firstScreen, /\nnpm test\n/);
});

test('the CI recipe installs ocppctl from its repository or a tarball, not a registry name that does not exist', () => {
  const workflow = readFileSync(join(ROOT, 'docs/ci/github-workflow.yml'), 'utf8');
  const runs = workflow.split('\n').filter((l) => /^\s*-?\s*run:/.test(l));
  assert.ok(
    runs.some((l) => /npm install --global \.$/.test(l)),
    'no step installs the checkout globally',
  );
  for (const l of runs) assert.doesNotMatch(l, /npm (install|i) (-g|--global) ocppctl\b/, `installs from the registry: ${l.trim()}`);
  assert.match(workflow, /repository: \$\{\{ vars\.OCPPCTL_REPOSITORY \}\}/);
});

test('installs stay offline-safe without an .npmrc key npm warns about: prebuild-install is told to build from source', () => {
  const rc = readFileSync(join(ROOT, '.prebuild-installrc'), 'utf8');
  assert.match(rc, /^buildFromSource=true$/m);
  assert.throws(() => readFileSync(join(ROOT, '.npmrc'), 'utf8'), /ENOENT/);
});

test('every test the README reliability section names exists', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /\n## Reliability[^\n]*\n([\s\S]*?)\n## /.exec(readme)?.[1];
  assert.ok(section, 'README.md has no reliability section');
  const named = [...section.matchAll(/`(test\/[^`]+\.(?:ts|mjs))`/g)].map((m) => m[1]);
  assert.ok(named.length >= 10, `only ${named.length} tests named`);
  for (const file of named) assert.ok(existsSync(join(ROOT, file)), `${file} is named in the reliability section but does not exist`);
});
