import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a second OCPP module is a warning at its id', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) => t.replace('  persistent_store:\n', '  ocpp16:\n    module: OCPP\n  persistent_store:\n'),
  });
  try {
    const found = byRule(await validateStation(s), 'everest-ocpp-module-count');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line, d.pointer]),
      [['warning', lineOf(s.text, 'ocpp16:'), '/active_modules/ocpp16']],
    );
  } finally {
    s.cleanup();
  }
});
