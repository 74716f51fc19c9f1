import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('an evse_energy_sink without an evse mapping is an error at the OCPP connection, exit 1', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '  evse_manager_1_ocpp_sink:\n    module: EnergyNode\n    mapping:\n      module:\n        evse: 1\n',
        '  evse_manager_1_ocpp_sink:\n    module: EnergyNode\n',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-energy-sink-mapping');
    assert.equal(r.code, 1);
    assert.equal(found.length, 1);
    assert.equal(found[0].line, lineOf(s.text, '- module_id: evse_manager_1_ocpp_sink'));
    assert.equal(found[0].pointer, '/active_modules/ocpp/connections/evse_energy_sink/1');
    assert.match(found[0].message, /misses a mapping to an evse/);
  } finally {
    s.cleanup();
  }
});
