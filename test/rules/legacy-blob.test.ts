import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean, runRule } from './slot-harness.js';
import { legacyCopy } from '../support/port-b-trees.js';

test('an empty blob says nothing', async () => {
  await assertSlotsClean('legacy-blob');
});

for (const [what, dir, options] of [
  ["EVerest's shipped config", () => '../shared/reference/everest-component-config', needsReference],
  ['the shipped config with empty slots and a blob', () => legacyCopy(), {}],
] as const)
  test(`${what}: the blob fills slot 1 at start-up, an info suggesting ocppctl migrate`, options, async () => {
    const { code, report } = await runRule('legacy-blob', dir());
    assert.equal(code, 0);
    assert.deepEqual(
      report.diagnostics.map((d) => [d.severity, d.message, d.hint]),
      [
        [
          'info',
          'no slot in NetworkConfigurationPriority has an OcppCsmsUrl, so libocpp migrates InternalCtrlr.NetworkConnectionProfiles into slot 1 at start-up and then clears it',
          'run ocppctl migrate to write the profiles into the NetworkConfiguration files now',
        ],
      ],
    );
  });

test('a blob next to a slot with a URL is ignored by libocpp: warning', async () => {
  const { code, report } = await validateFixture('legacy-blob', 'broken/legacy-blob');
  assert.equal(code, 0);
  assert.equal(report.diagnostics[0].severity, 'warning');
  assert.match(report.diagnostics[0].message, /slot 1 already has an OcppCsmsUrl; libocpp ignores the blob/);
  assert.match(report.diagnostics[0].related?.[0].file ?? '', /NetworkConfiguration_1\.json$/);
});

test('entries for unlisted slots and entries libocpp skips are named', async () => {
  const { report } = await validateFixture('legacy-blob', 'broken/legacy-blob-migrates');
  assert.deepEqual(
    report.diagnostics.map((d) => d.severity),
    ['warning', 'info'],
  );
  assert.match(
    report.diagnostics[0].message,
    /^entry 3 of InternalCtrlr.NetworkConnectionProfiles \(slot 2\) has a messageTimeout below 1/,
  );
  assert.match(
    report.diagnostics[1].message,
    /into slots 1, 3 at start-up and then clears it; slot 3 is not in NetworkConfigurationPriority and stays unused$/,
  );
});

test('a blob that is not JSON is an error: the migration fails on every start-up', async () => {
  const { code, report } = await validateFixture('legacy-blob', 'broken/legacy-blob-malformed');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /is not valid JSON \(.+\); libocpp's migration fails on every start-up/);
});

test('a malformed blob holding a password is reported without any of its text', async () => {
  const { mkdtempSync, cpSync, readFileSync, writeFileSync } = await import('node:fs');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- node:path's functions do not use `this`
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-blob-')), 'component_config');
  cpSync('fixtures/broken/legacy-blob-malformed/component_config', dir, { recursive: true });
  const file = join(dir, 'standardized/InternalCtrlr.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.properties.NetworkConnectionProfiles.attributes[0].value =
    'BlobSecretPassword1234 [{"basicAuthPassword": "BlobSecretPassword1234"}]';
  writeFileSync(file, JSON.stringify(json));
  const { report } = await runRule('legacy-blob', dir);
  assert.equal(report.diagnostics[0].severity, 'error');
  assert.ok(!JSON.stringify(report).includes('BlobSecret'), JSON.stringify(report));
});
