import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

const withSlot = (n: number) => (t: string) =>
  t.replace('      Mode: Only1.6\n', `      Mode: Only1.6\n      Ocpp16NetworkConfigSlot: ${n}\n`);

test('an Ocpp16NetworkConfigSlot without its NetworkConfiguration component is an error at the key', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp-multi', componentConfig: true, edit: withSlot(3) });
  try {
    const r = await validateStation(s, ['component_config']);
    const found = byRule(r, 'everest-ocpp16-slot');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.line, d.pointer]),
      [[lineOf(s.text, 'Ocpp16NetworkConfigSlot'), '/active_modules/ocpp/config_module/Ocpp16NetworkConfigSlot']],
    );
  } finally {
    s.cleanup();
  }
});

test('slot 1 (the default) exists in the component config and its valuesList; 0 skips the migration', needsReference, async () => {
  for (const edit of [undefined, withSlot(0)]) {
    const s = station({ name: 'config-sil-ocpp-multi', componentConfig: true, edit });
    try {
      assert.deepEqual(byRule(await validateStation(s, ['component_config']), 'everest-ocpp16-slot'), []);
    } finally {
      s.cleanup();
    }
  }
});
