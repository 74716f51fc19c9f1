import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a device model with a third EVSE is an error at the YAML list and at custom/EVSE_3.json, exit 1', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201', componentConfig: true });
  try {
    const custom = join(s.dir, 'component_config/custom');
    writeFileSync(join(custom, 'EVSE_3.json'), readFileSync(join(custom, 'EVSE_2.json'), 'utf8').replace('"evse_id": 2', '"evse_id": 3'));
    const r = await validateStation(s, ['component_config']);
    const found = byRule(r, 'everest-evse-count');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.file, d.line]),
      [
        ['component_config/custom/EVSE_3.json', lineOf(readFileSync(join(custom, 'EVSE_3.json'), 'utf8'), '"evse_id"')],
        ['config.yaml', lineOf(s.text, 'evse_manager:', 'module: OCPP201')],
      ],
    );
    assert.match(found[1].message, /Number of EVSE configured in device model is incompatible/);
  } finally {
    s.cleanup();
  }
});

test("EVerest's SIL config and its component config agree (two EVSEs, one connector each)", needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201', componentConfig: true });
  try {
    const r = await validateStation(s, ['component_config']);
    assert.deepEqual(byRule(r, 'everest-evse-count'), []);
    assert.equal(r.summary.files, 28);
  } finally {
    s.cleanup();
  }
});

test('a connector of an EVSE the YAML does not wire is an error in its file', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    componentConfig: true,
    edit: (t) =>
      t.replace(
        '      evse_manager:\n        - module_id: evse_manager_1\n          implementation_id: evse\n        - module_id: evse_manager_2\n          implementation_id: evse\n      auth:',
        '      evse_manager:\n        - module_id: evse_manager_1\n          implementation_id: evse\n      auth:',
      ),
  });
  try {
    const r = await validateStation(s, ['component_config']);
    const files = byRule(r, 'everest-evse-count').map((d) => d.file);
    assert.ok(files.includes('component_config/custom/Connector_2_1.json'));
    assert.ok(files.includes('component_config/custom/EVSE_2.json'));
    assert.ok(files.includes('config.yaml'));
  } finally {
    s.cleanup();
  }
});
