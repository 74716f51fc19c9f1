import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('the manifest defaults under /tmp are warnings; a persistent CoreDatabasePath clears its one', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    const found = byRule(await validateStation(s), 'everest-volatile-path');
    assert.equal(found.length, 2);
    assert.ok(found.every((d) => d.severity === 'warning' && d.line === lineOf(s.text, '\n  ocpp:\n') + 1));
  } finally {
    s.cleanup();
  }
  const fixed = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace('    module: OCPP201\n', '    module: OCPP201\n    config_module:\n      CoreDatabasePath: /var/lib/everest/ocpp201\n'),
  });
  try {
    const found = byRule(await validateStation(fixed), 'everest-volatile-path');
    assert.deepEqual(
      found.map((d) => d.message.split(' ')[0]),
      ['MessageLogPath'],
    );
  } finally {
    fixed.cleanup();
  }
});
