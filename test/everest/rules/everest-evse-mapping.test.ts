import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('an EvseManager mapped to another evse than its connector_id is a warning at the mapping', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '  evse_manager_2:\n    module: EvseManager\n    mapping:\n      module:\n        evse: 2',
        '  evse_manager_2:\n    module: EvseManager\n    mapping:\n      module:\n        evse: 3',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-evse-mapping');
    assert.equal(r.code, 0);
    assert.equal(found.length, 1);
    assert.equal(found[0].line, lineOf(s.text, 'evse: 3'));
    assert.equal(found[0].pointer, '/active_modules/evse_manager_2/mapping/module/evse');
    assert.equal(found[0].related?.[0].line, lineOf(s.text, 'connector_id: 2', 'evse_manager_2:'));
  } finally {
    s.cleanup();
  }
});
