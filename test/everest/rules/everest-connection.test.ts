import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test(
  'a missing implementation, an unloaded module, an undeclared requirement and a missing mandatory one are errors',
  needsReference,
  async () => {
    const s = station({
      name: 'config-sil-ocpp201',
      edit: (t) =>
        t
          .replace('          implementation_id: auth_validator', '          implementation_id: auth_validatr')
          .replace('      kvs:\n        - module_id: persistent_store', '      kvs:\n        - module_id: persistent_stor')
          .replace(
            '      security:\n        - module_id: evse_security\n          implementation_id: main\n      evse_energy_sink:',
            '      securty:\n        - module_id: evse_security\n          implementation_id: main\n      evse_energy_sink:',
          ),
    });
    try {
      const r = await validateStation(s);
      const found = byRule(r, 'everest-connection');
      assert.equal(r.code, 1);
      const lines = found.map((d) => d.line);
      assert.ok(lines.includes(lineOf(s.text, 'implementation_id: auth_validatr')));
      assert.ok(lines.includes(lineOf(s.text, 'persistent_stor\n')));
      assert.ok(lines.includes(lineOf(s.text, 'securty:')));
      assert.ok(found.some((d) => /requirement id 'security' not listed in connections/.test(d.message)));
    } finally {
      s.cleanup();
    }
  },
);

test('an implementation with the wrong interface is an error naming both interfaces', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) => t.replace('          implementation_id: auth_validator', '          implementation_id: auth_provider'),
  });
  try {
    const found = byRule(await validateStation(s), 'everest-connection');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /needs interface auth_token_validator but ocpp.auth_provider provides auth_token_provider/);
  } finally {
    s.cleanup();
  }
});
