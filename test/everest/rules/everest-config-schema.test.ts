import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test(
  'an unknown top-level key, a settings key of the wrong type and a connection without implementation_id are errors',
  needsReference,
  async () => {
    const s = station({
      name: 'config-sil-ocpp201',
      edit: (t) =>
        'settings:\n  telemetry_enabled: "yes"\nmodules_extra: 1\n' +
        t.replace(
          '      kvs:\n        - module_id: persistent_store\n          implementation_id: main\n',
          '      kvs:\n        - module_id: persistent_store\n',
        ),
    });
    try {
      const r = await validateStation(s);
      const found = byRule(r, 'everest-config-schema');
      assert.equal(r.code, 1);
      assert.deepEqual(
        found.map((d) => d.line),
        [2, 3, lineOf(s.text, '- module_id: persistent_store')],
      );
    } finally {
      s.cleanup();
    }
  },
);

test('every EVerest SIL config matches the config schema', needsReference, async () => {
  for (const name of ['config-sil-ocpp201', 'config-sil-ocpp201-pnc', 'config-sil', 'config-sil-ocpp-multi']) {
    const s = station({ name });
    try {
      assert.deepEqual(byRule(await validateStation(s), 'everest-config-schema'), [], name);
    } finally {
      s.cleanup();
    }
  }
});
