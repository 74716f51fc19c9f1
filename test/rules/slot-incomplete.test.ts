import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean, runRule } from './slot-harness.js';
import { legacyCopy } from '../support/port-b-trees.js';

test('complete listed slots pass', async () => {
  await assertSlotsClean('slot-incomplete');
});

test('a listed slot without MessageTimeout exits 1, names the variable and links the priority list', async () => {
  const { code, report } = await validateFixture('slot-incomplete', 'broken/slot-incomplete');
  assert.equal(code, 1);
  const [d, ...rest] = report.diagnostics;
  assert.equal(rest.length, 0);
  assert.match(d.file, /NetworkConfiguration_2\.json$/);
  assert.equal(d.pointer, '/properties');
  assert.equal(
    d.message,
    'slot 2 is in NetworkConfigurationPriority, but libocpp cannot read it: MessageTimeout is missing; the station skips this slot',
  );
  assert.equal(d.related?.[0].message, 'slot 2 is listed here');
});

for (const [what, dir, options] of [
  ["EVerest's", () => '../shared/reference/everest-component-config', needsReference],
  ["the shipped config's (made empty, with a blob for it)", () => legacyCopy(), {}],
] as const)
  test(`${what} empty slot 1 is left to legacy-blob because the blob fills it`, options, async () => {
    const { report } = await runRule('slot-incomplete', dir());
    assert.deepEqual(report.diagnostics, []);
  });

test('an empty URL that no blob fills is an error at the URL value', async () => {
  const { report } = await runRule('slot-incomplete', 'fixtures/broken/legacy-blob-malformed/component_config');
  assert.deepEqual(
    report.diagnostics.map((d) => [d.pointer, d.message]),
    [1, 2].map((n) => [
      '/properties/OcppCsmsUrl/attributes/0/value',
      `slot ${n} is in NetworkConfigurationPriority, but libocpp cannot read it: OcppCsmsUrl is empty; the station skips this slot`,
    ]),
  );
});
