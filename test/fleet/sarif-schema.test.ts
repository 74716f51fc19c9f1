import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { runCli } from '../support/cli.js';
import { fixture, ROOT } from '../support/paths.js';
import { makeFleet, names } from './fleet-dir.js';

// The OASIS SARIF 2.1.0 schema (rtm.5, the one GitHub code scanning accepts) as @microsoft/jest-sarif ships it.
// It is draft-04; its only draft-04 keyword is `id`, so it compiles with ajv's default draft once that is dropped.
const require = createRequire(import.meta.url);
const { $schema: _draft, id: _id, ...schema } = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// the schema's language-tag pattern has a stray ']' that is only legal without the u flag
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

interface SarifLog {
  runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

function assertValidSarif(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const ok = validateSarif(JSON.parse(text));
  assert.ok(ok, JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
  for (const result of log.runs[0].results) {
    const uri = result.locations[0].physicalLocation.artifactLocation.uri;
    // code scanning matches a relative URI against the checkout; an absolute path or ./ would not annotate
    assert.ok(!uri.startsWith('/') && !uri.startsWith('./') && !uri.startsWith('file:'), uri);
  }
  return log;
}

const brokenRoots = () =>
  readdirSync(fixture('broken'))
    .map((d) => (existsSync(fixture('broken', d, 'standardized')) ? `fixtures/broken/${d}` : `fixtures/broken/${d}/component_config`))
    .filter((d) => existsSync(join(ROOT, d, 'standardized')));

test('SARIF for every broken fixture at once validates against the SARIF 2.1.0 schema', async () => {
  const roots = brokenRoots();
  assert.ok(roots.length > 5);
  const r = await runCli(['validate', ...roots, '--format', 'sarif', '--workers', '1'], { cwd: ROOT });
  assert.equal(r.code, 1);
  const log = assertValidSarif(r.stdout);
  assert.ok(log.runs[0].results.length >= roots.length);
});

test('SARIF of a clean fleet, of an empty shard and of every target validates too', async () => {
  const cwd = makeFleet(names(3).map((name) => ({ name })));
  for (const target of ['libocpp', 'spec-2.0.1', 'spec-2.1'])
    assertValidSarif((await runCli(['validate', '--fleet', '.', '--format', 'sarif', '--target', target], { cwd })).stdout);
  const empty = await runCli(['validate', '--fleet', '.', '--format', 'sarif', '--shard', '1/9'], { cwd });
  assert.deepEqual(assertValidSarif(empty.stdout).runs[0].results, []);
});
