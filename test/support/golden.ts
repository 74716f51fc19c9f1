import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from './paths.js';
import type { CliResult } from './cli.js';

/**
 * Compares "$ ocppctl <args>\nexit <code>\n<stdout>" with test/golden/<name>.
 * UPDATE_GOLDEN=1 rewrites the file; review the diff.
 */
export function matchGolden(name: string, args: string[], result: CliResult) {
  const text = `$ ocppctl ${args.join(' ')}\nexit ${result.code}\n${result.stdout.split(ROOT + '/').join('')}`;
  const path = join(ROOT, 'test/golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) assert.fail(`golden file ${name} is missing; run UPDATE_GOLDEN=1 npm test locally`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  assert.equal(text, readFileSync(path, 'utf8'), `output differs from test/golden/${name}`);
}
