import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

const PNC = 'config-sil-ocpp201-pnc';

test("EVerest's PnC config lists its EvseManagers as token providers: nothing", needsReference, async () => {
  const s = station({ name: PNC, componentConfig: true });
  try {
    assert.deepEqual(byRule(await validateStation(s, ['component_config']), 'everest-pnc-auth'), []);
  } finally {
    s.cleanup();
  }
});

test("evse_manager_1 dropped from Auth's token_provider is an error at that list", needsReference, async () => {
  const s = station({
    name: PNC,
    componentConfig: true,
    edit: (t) => t.replace('        - module_id: evse_manager_1\n          implementation_id: token_provider\n', ''),
  });
  try {
    const found = byRule(await validateStation(s, ['component_config']), 'everest-pnc-auth');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['error', lineOf(s.text, '      token_provider:', 'auth:\n    module: Auth')]],
    );
    assert.match(found[0].message, /evse_manager_1\.token_provider/);
  } finally {
    s.cleanup();
  }
});
