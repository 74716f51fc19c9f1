import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { fixture, ROOT } from '../support/paths.js';

// validate has a start-up budget; the catalog (about 100 KB of JSON) may only be read when a spec target runs
const readsCatalog = (target: string): boolean => {
  const rules = pathToFileURL(join(ROOT, 'dist/src/rules/index.js')).href;
  const script = `
    import fs from 'node:fs';
    import { syncBuiltinESMExports } from 'node:module';
    const seen = [];
    const original = fs.readFileSync;
    fs.readFileSync = (path, ...rest) => { seen.push(String(path)); return original(path, ...rest); };
    syncBuiltinESMExports();
    const { validate } = await import(${JSON.stringify(rules)});
    validate([${JSON.stringify(fixture('broken/spec-data-type'))}], { target: ${JSON.stringify(target)} });
    console.log(JSON.stringify(seen.some((p) => p.includes('catalog/data'))));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as boolean;
};

test('validate under the libocpp target never reads the catalog; a spec target does', () => {
  assert.equal(readsCatalog('libocpp'), false);
  assert.equal(readsCatalog('spec-2.0.1'), true);
});
