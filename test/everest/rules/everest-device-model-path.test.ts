import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { byRule, COMPONENT_CONFIG, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

const withPath = (path: string) => (t: string) =>
  t.replace('    module: OCPP201\n', `    module: OCPP201\n    config_module:\n      DeviceModelConfigPath: ${path}\n`);

test('an absolute DeviceModelConfigPath that does not exist is an error at the key, exit 1', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201', edit: withPath('/nonexistent-ocppctl-test/component_config') });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-device-model-path');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line, d.column]),
      [['error', lineOf(s.text, 'DeviceModelConfigPath:'), 7]],
    );
  } finally {
    s.cleanup();
  }
});

test('a relative path without a prefix is an info and the YAML is checked alone, exit 0', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    const r = await validateStation(s);
    assert.equal(r.code, 0);
    assert.deepEqual(
      byRule(r, 'everest-device-model-path').map((d) => d.severity),
      ['info'],
    );
    assert.equal(r.summary.files, 1);
  } finally {
    s.cleanup();
  }
});

test('with --everest-prefix the device model is read from share/everest/modules/OCPP201/', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    const share = join(s.dir, 'prefix/share/everest/modules/OCPP201');
    mkdirSync(share, { recursive: true });
    cpSync(COMPONENT_CONFIG, join(share, 'component_config'), { recursive: true });
    const r = await validateStation(s, ['--everest-prefix', 'prefix']);
    assert.equal(r.code, 0);
    assert.deepEqual(byRule(r, 'everest-device-model-path'), []);
    assert.equal(r.summary.files, 28);
    assert.ok(r.diagnostics.some((d) => d.file.startsWith('prefix/share/everest/modules/OCPP201/component_config/')));
    const missing = await validateStation(s, ['--everest-prefix', 'elsewhere']);
    assert.equal(missing.code, 1);
    assert.match(byRule(missing, 'everest-device-model-path')[0].message, /does not exist/);
  } finally {
    s.cleanup();
  }
});

test(
  "OCPPmulti reads a relative DeviceModelConfigPath below OCPP201's share folder, as its generic_ocpp.cpp does",
  needsReference,
  async () => {
    const s = station({ name: 'config-sil-ocpp-multi' });
    try {
      const share = join(s.dir, 'prefix/share/everest/modules/OCPP201');
      mkdirSync(share, { recursive: true });
      cpSync(COMPONENT_CONFIG, join(share, 'component_config'), { recursive: true });
      const r = await validateStation(s, ['--everest-prefix', 'prefix']);
      assert.deepEqual(byRule(r, 'everest-device-model-path'), []);
      assert.equal(r.summary.files, 28);
    } finally {
      s.cleanup();
    }
  },
);
