import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('two sinks for evse 1 and none for evse 2 are warnings, exit 0', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '  evse_manager_2_ocpp_sink:\n    module: EnergyNode\n    mapping:\n      module:\n        evse: 2\n',
        '  evse_manager_2_ocpp_sink:\n    module: EnergyNode\n    mapping:\n      module:\n        evse: 1\n',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-energy-sink-coverage');
    assert.equal(r.code, 0);
    assert.equal(found.length, 2);
    assert.ok(found.every((d) => d.severity === 'warning'));
    assert.ok(
      found.some(
        (d) => d.line === lineOf(s.text, '- module_id: evse_manager_2_ocpp_sink') && /second evse_energy_sink for evse 1/.test(d.message),
      ),
    );
    assert.ok(
      found.some(
        (d) => /no evse_energy_sink for evse 2/.test(d.message) && d.line === lineOf(s.text, 'evse_energy_sink:', 'module: OCPP201'),
      ),
    );
  } finally {
    s.cleanup();
  }
});

test("EVerest's SIL config has a sink for evse 0, 1 and 2", needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    assert.deepEqual(byRule(await validateStation(s), 'everest-energy-sink-coverage'), []);
  } finally {
    s.cleanup();
  }
});
