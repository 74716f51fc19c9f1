import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('an extensions_15118 target without an evse mapping is a warning at the connection', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '      reservation:\n        - module_id: auth\n          implementation_id: reservation\n',
        '      reservation:\n        - module_id: auth\n          implementation_id: reservation\n      extensions_15118:\n        - module_id: iso15118_charger\n          implementation_id: extensions\n',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-15118-mapping');
    assert.equal(r.code, 0);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.equal(found[0].line, lineOf(s.text, '- module_id: iso15118_charger', 'extensions_15118:'));
  } finally {
    s.cleanup();
  }
});
