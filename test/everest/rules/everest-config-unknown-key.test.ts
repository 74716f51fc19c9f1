import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a misspelt OCPP path key is an error, another unknown key a warning, both with did-you-mean', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t
        .replace(
          '    module: OCPP201\n',
          '    module: OCPP201\n    config_module:\n      DeviceModelConfigPth: /etc/everest/component_config\n',
        )
        .replace('      connection_timeout: 60\n', '      connection_timeout: 60\n      conection_timeout: 30\n'),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-config-unknown-key');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [
        ['error', lineOf(s.text, 'DeviceModelConfigPth')],
        ['warning', lineOf(s.text, 'conection_timeout')],
      ],
    );
    assert.match(found[0].message, /did you mean DeviceModelConfigPath/);
  } finally {
    s.cleanup();
  }
});
