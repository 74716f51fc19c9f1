import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { runRule } from './slot-harness.js';

for (const [what, dirs, options] of [
  [
    'two EVSEs with contiguous connectors and the shipped config pass',
    ['fixtures/valid/evse-topology/component_config', 'component_config'],
    {},
  ],
  ["EVerest's config passes", ['../shared/reference/everest-component-config'], needsReference],
] as const)
  test(what, options, async () => {
    for (const dir of dirs) {
      const { code, report } = await runRule('evse-topology', dir);
      assert.deepEqual(report.diagnostics, [], dir);
      assert.equal(code, 0);
    }
  });

test('EVSE 1 and 3 without EVSE 2 exits 1 at evse_id of EVSE 3', async () => {
  const { code, report } = await validateFixture('evse-topology', 'broken/evse-topology');
  assert.equal(code, 1);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.file.replace(/.*\//, ''), d.pointer, d.message]),
    [['EVSE_3.json', '/evse_id', 'no EVSE 2: EVSE components must be numbered 1, 2, … without gaps, as OCPP numbers EVSEs']],
  );
});

test('a connector gap, a connector without its EVSE, a missing ConnectorType and Power without maxLimit are errors', async () => {
  const { code, report } = await validateFixture('evse-topology', 'broken/evse-topology-connector');
  assert.equal(code, 1);
  assert.deepEqual(
    report.diagnostics.map((d) => d.message),
    [
      'EVSE 1 has no connector 1: connectors are numbered 1, 2, … within each EVSE',
      'Connector 2 of EVSE 1 has no ConnectorType variable; libocpp refuses to start without it',
      'Connector 1 belongs to EVSE 2, which has no EVSE component',
      "EVSE 1 Power has no characteristics.maxLimit; libocpp reads the EVSE's maximum power from it and refuses to start without it",
    ],
  );
});
