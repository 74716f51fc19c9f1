import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, station, validateStation } from '../support.js';

const config = (mapping: string) => `active_modules:
  evse_manager_1:
    module: EvseManager
    mapping: {module: {evse: 1}}
    config_module: {connector_id: 1}
  der:
    module: DERSimulator${mapping}
  ocpp:
    module: OCPPmulti
    connections:
      evse_manager:
        - {module_id: evse_manager_1, implementation_id: evse}
      grid_support:
        - {module_id: der, implementation_id: main}
`;

test('a grid_support target without an evse mapping is a warning at the connection', async () => {
  const s = station({ text: config('') });
  try {
    const found = byRule(await validateStation(s, ['--rule', 'everest-grid-support-mapping']), 'everest-grid-support-mapping');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['warning', 14]],
    );
  } finally {
    s.cleanup();
  }
  const mapped = station({ text: config('\n    mapping: {module: {evse: 1}}') });
  try {
    assert.deepEqual(byRule(await validateStation(mapped, ['--rule', 'everest-grid-support-mapping']), 'everest-grid-support-mapping'), []);
  } finally {
    mapped.cleanup();
  }
});
