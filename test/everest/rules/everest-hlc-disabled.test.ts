import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('AC EvseManagers with hlc connected and ac_hlc_enabled false are warnings; turning it on clears one', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    const found = byRule(await validateStation(s), 'everest-hlc-disabled');
    assert.deepEqual(
      found.map((d) => d.line),
      [lineOf(s.text, '      hlc:\n', 'evse_manager_1:'), lineOf(s.text, '      hlc:\n', 'evse_manager_2:')],
    );
  } finally {
    s.cleanup();
  }
  const on = station({ name: 'config-sil-ocpp201', edit: (t) => t.replace('ac_hlc_enabled: false', 'ac_hlc_enabled: true') });
  try {
    assert.equal(byRule(await validateStation(on), 'everest-hlc-disabled').length, 1);
  } finally {
    on.cleanup();
  }
});
