import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

const PNC = 'config-sil-ocpp201-pnc';

test(
  "EVerest's PnC config with its device model: evse_manager_2 (AC, hlc wired, ac_hlc_enabled false) is reported once, by everest-hlc-disabled",
  needsReference,
  async () => {
    const s = station({ name: PNC, componentConfig: true });
    try {
      const r = await validateStation(s, ['component_config']);
      assert.deepEqual(byRule(r, 'everest-pnc-hlc'), []);
      assert.deepEqual(
        byRule(r, 'everest-hlc-disabled').map((d) => d.message.slice(0, 14)),
        ['evse_manager_2'],
      );
    } finally {
      s.cleanup();
    }
  },
);

test(
  'a Plug&Charge AC EvseManager without hlc and with ac_hlc_enabled false: an error for hlc, a warning at ac_hlc_enabled',
  needsReference,
  async () => {
    const s = station({
      name: PNC,
      componentConfig: true,
      edit: (t) =>
        t.replace(
          '      hlc:\n        - module_id: iso15118_charger\n          implementation_id: charger\n  yeti_driver_1',
          '  yeti_driver_1',
        ),
    });
    try {
      const found = byRule(await validateStation(s, ['component_config']), 'everest-pnc-hlc');
      assert.deepEqual(
        found.map((d) => [d.severity, d.line]),
        [
          ['warning', lineOf(s.text, 'ac_hlc_enabled: false', 'evse_manager_2:')],
          ['error', lineOf(s.text, '    connections:', 'evse_manager_2:')],
        ],
      );
      assert.match(found[0].message, /device model's ISO15118Ctrlr\.PnCEnabled/);
    } finally {
      s.cleanup();
    }
  },
);

test('a Plug&Charge EvseManager without slac is an error at its connections', needsReference, async () => {
  const s = station({
    name: PNC,
    edit: (t) =>
      t
        .replace(
          '      slac:\n        - module_id: slac\n          implementation_id: evse\n      hlc:\n        - module_id: iso15118_charger\n          implementation_id: charger\n  evse_manager_2',
          '      hlc:\n        - module_id: iso15118_charger\n          implementation_id: charger\n  evse_manager_2',
        )
        .replace(
          '      connector_id: 1\n      evse_id: "DE*PNX*00001"',
          '      connector_id: 1\n      payment_enable_contract: true\n      evse_id: "DE*PNX*00001"',
        ),
  });
  try {
    const found = byRule(await validateStation(s), 'everest-pnc-hlc');
    assert.deepEqual(
      found.map((d) => d.severity),
      ['error'],
    );
    assert.match(found[0].message, /evse_manager_1 .* no slac connection/);
    assert.equal(found[0].line, lineOf(s.text, '    connections:', 'evse_manager_1:'));
  } finally {
    s.cleanup();
  }
});

test('without a device model, the manifest default of payment_enable_contract alone reports nothing', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    assert.deepEqual(byRule(await validateStation(s), 'everest-pnc-hlc'), []);
  } finally {
    s.cleanup();
  }
});
