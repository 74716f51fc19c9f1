import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './support/paths.js';

/** Every relative import of every source file under src/, as project-relative paths without extension. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.c?ts$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) =>
          relative(ROOT, resolve(dirname(path), m[1])).replace(/\.c?js$/, ''),
        );
        graph.set(relative(ROOT, path).replace(/\.c?ts$/, ''), targets);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return graph;
}

const graph = importGraph();
const importsOf = (prefix: string) =>
  [...graph].filter(([file]) => file.startsWith(prefix)).flatMap(([file, targets]) => targets.map((t) => [file, t]));

test('the rules read slots through the model layer and never import src/slots', () => {
  const bad = importsOf('src/rules/').filter(([, t]) => t.startsWith('src/slots/'));
  assert.deepEqual(bad, []);
});

test('the slot plans never import the rules: the plan check sits above both, in src/plan', () => {
  const bad = importsOf('src/slots/').filter(([, t]) => t.startsWith('src/rules/') || t.startsWith('src/plan/'));
  assert.deepEqual(bad, []);
});

test('the library never imports the CLI', () => {
  const bad = [...graph]
    .filter(([file]) => !file.startsWith('src/cli/'))
    .flatMap(([file, targets]) => targets.filter((t) => t.startsWith('src/cli/')).map((t) => [file, t]));
  assert.deepEqual(bad, []);
});

test('a single tree and a fleet share the report writer instead of importing each other', () => {
  const one = graph.get('src/cli/commands/validate') ?? [];
  const fleet = graph.get('src/cli/validate-fleet') ?? [];
  assert.ok(
    !one.includes('src/cli/validate-fleet') || !fleet.includes('src/cli/commands/validate'),
    'validate.ts and validate-fleet.ts import each other',
  );
  assert.ok(!fleet.includes('src/cli/commands/validate'), 'validate-fleet.ts imports the validate command');
  assert.ok(fleet.includes('src/cli/report-writer') && one.includes('src/cli/report-writer'));
});
