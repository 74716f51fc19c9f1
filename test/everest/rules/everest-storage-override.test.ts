import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test("the EVSE and Connector variables EVerest's storage also defines are warnings in the device-model files", needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201', componentConfig: true });
  try {
    const r = await validateStation(s, ['component_config']);
    const found = byRule(r, 'everest-storage-override');
    assert.equal(r.code, 0);
    assert.ok(found.length > 0);
    assert.ok(
      found.every((d) => d.severity === 'warning' && /^component_config\/custom\/(EVSE|Connector)_[12](_1)?\.json$/.test(d.file)),
      JSON.stringify(found.map((d) => d.file)),
    );
    const evse1 = found.filter((d) => d.file === 'component_config/custom/EVSE_1.json').map((d) => d.pointer);
    assert.ok(evse1.includes('/properties/EVSEAvailabilityState'), evse1.join());
    assert.equal(new Set(found.map((d) => `${d.file}${d.pointer}`)).size, found.length, 'once per variable');
    assert.equal(found[0].related?.[0].file, 'config.yaml');
  } finally {
    s.cleanup();
  }
});
