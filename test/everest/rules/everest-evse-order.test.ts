import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('EvseManagers listed out of connector_id order are errors at each connection, exit 1', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '      evse_manager:\n        - module_id: evse_manager_1\n          implementation_id: evse\n        - module_id: evse_manager_2\n          implementation_id: evse\n      auth:\n',
        '      evse_manager:\n        - module_id: evse_manager_2\n          implementation_id: evse\n        - module_id: evse_manager_1\n          implementation_id: evse\n      auth:\n',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-evse-order');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.line, d.pointer]),
      [
        [lineOf(s.text, '- module_id: evse_manager_2', 'module: OCPP201'), '/active_modules/ocpp/connections/evse_manager/0'],
        [lineOf(s.text, '- module_id: evse_manager_1', 'module: OCPP201'), '/active_modules/ocpp/connections/evse_manager/1'],
      ],
    );
    assert.match(found[0].message, /Configured evse_id\(s\) must start with 1 counting upwards/);
    assert.equal(found[0].file, 'config.yaml');
  } finally {
    s.cleanup();
  }
});

test("EVerest's SIL config lists its EvseManagers in order", needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    assert.deepEqual(byRule(await validateStation(s), 'everest-evse-order'), []);
  } finally {
    s.cleanup();
  }
});
