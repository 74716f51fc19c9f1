import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a quoted integer, a value outside the enum and a missing mandatory key are errors at their places', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t
        .replace('      connector_id: 2\n      evse_id: "2"', '      connector_id: "2"\n      charge_mode: AC-DC\n      evse_id: "2"')
        .replace(
          '  ev_manager_2:\n    module: EvManager\n    config_module:\n      connector_id: 2\n',
          '  ev_manager_2:\n    module: EvManager\n    config_module:\n',
        ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-config-value');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => d.line).sort((a, b) => a - b),
      [lineOf(s.text, 'connector_id: "2"'), lineOf(s.text, 'config_module:', 'ev_manager_2:'), lineOf(s.text, 'charge_mode: AC-DC')].sort(
        (a, b) => a - b,
      ),
    );
    assert.ok(found.some((d) => /quotes make a string/.test(d.message)));
    assert.ok(found.some((d) => /Missing mandatory config entry 'connector_id'/.test(d.message)));
  } finally {
    s.cleanup();
  }
});

test('a secret config value never appears in a message', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) => t.replace('private_key_password: "123456"', 'private_key_password: 987654321'),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-config-value');
    assert.equal(found.length, 1);
    assert.ok(!JSON.stringify(r.diagnostics).includes('987654321'));
  } finally {
    s.cleanup();
  }
});
