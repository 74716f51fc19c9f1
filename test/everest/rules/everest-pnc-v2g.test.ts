import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

const PNC = 'config-sil-ocpp201-pnc';

test("EVerest's PnC config: verify_contract_cert_chain false is an info at the key", needsReference, async () => {
  const s = station({ name: PNC, componentConfig: true });
  try {
    const found = byRule(await validateStation(s, ['component_config']), 'everest-pnc-v2g');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['info', lineOf(s.text, 'verify_contract_cert_chain: false')]],
    );
  } finally {
    s.cleanup();
  }
});

test('tls_security prohibit and a missing security connection are errors at their places', needsReference, async () => {
  const s = station({
    name: PNC,
    componentConfig: true,
    edit: (t) =>
      t
        .replace('tls_security: allow', 'tls_security: prohibit')
        .replace(
          'verify_contract_cert_chain: false\n    connections:\n      security:\n        - module_id: evse_security',
          'verify_contract_cert_chain: true\n    connections:\n      security:\n        - module_id: yeti_driver_1',
        ),
  });
  try {
    const found = byRule(await validateStation(s, ['component_config']), 'everest-pnc-v2g');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [
        ['error', lineOf(s.text, 'tls_security: prohibit')],
        ['error', lineOf(s.text, '    connections:', 'iso15118_charger:')],
      ],
    );
  } finally {
    s.cleanup();
  }
});

test('with PnCEnabled false in the device model: nothing', needsReference, async () => {
  const s = station({ name: PNC, componentConfig: true, edit: (t) => t.replace('tls_security: allow', 'tls_security: prohibit') });
  try {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = `${s.dir}/component_config/standardized/ISO15118Ctrlr.json`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/("variable_name": "PnCEnabled"[\s\S]*?"value": )true/, '$1false'));
    assert.deepEqual(byRule(await validateStation(s, ['component_config']), 'everest-pnc-v2g'), []);
  } finally {
    s.cleanup();
  }
});
