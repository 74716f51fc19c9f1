import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('an OCPP module without reservation gets an info at the module, exit 0', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) => t.replace('      reservation:\n        - module_id: auth\n          implementation_id: reservation\n', ''),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-reservation');
    assert.equal(r.code, 0);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['info', lineOf(s.text, '\n  ocpp:\n') + 1]],
    );
  } finally {
    s.cleanup();
  }
  const sil = station({ name: 'config-sil-ocpp201' });
  try {
    assert.deepEqual(byRule(await validateStation(sil), 'everest-reservation'), []);
  } finally {
    sil.cleanup();
  }
});
