import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

const PNC = 'config-sil-ocpp201-pnc';
const EXT = '      extensions_15118:\n        - module_id: iso15118_charger\n          implementation_id: extensions\n';

test("EVerest's PnC config wires extensions_15118: nothing", needsReference, async () => {
  const s = station({ name: PNC, componentConfig: true });
  try {
    assert.deepEqual(byRule(await validateStation(s, ['component_config']), 'everest-pnc-extensions'), []);
  } finally {
    s.cleanup();
  }
});

test(
  'without extensions_15118 while ContractCertificateInstallationEnabled is true: a warning at the OCPP connections',
  needsReference,
  async () => {
    const s = station({ name: PNC, componentConfig: true, edit: (t) => t.replace(EXT, '') });
    try {
      const found = byRule(await validateStation(s, ['component_config']), 'everest-pnc-extensions');
      assert.deepEqual(
        found.map((d) => [d.severity, d.line]),
        [['warning', lineOf(s.text, '    connections:', '  ocpp:\n    module: OCPP201')]],
      );
      assert.equal(found[0].related?.[0].message, 'ISO15118Ctrlr.ContractCertificateInstallationEnabled');
    } finally {
      s.cleanup();
    }
  },
);
