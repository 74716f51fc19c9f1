import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, station, validateStation } from './support.js';

// A small station written in many YAML styles: each variant must read the same and locate findings exactly.
const wired = (evseManagers: string) => `active_modules:
  evse_manager_1:
    module: EvseManager
    config_module:
      connector_id: 2
  ocpp:
    module: OCPP201
    connections:
      evse_manager: ${evseManagers}
`;

test('anchors and aliases: an aliased list reads like its anchor, and findings locate at the anchored nodes', async () => {
  const s = station({
    text: 'active_modules:\n  evse_manager_1:\n    module: EvseManager\n    config_module:\n      connector_id: 2\n  ocpp:\n    module: OCPP201\n    connections:\n      evse_manager: &ems\n        - {module_id: evse_manager_1, implementation_id: evse}\n  auth:\n    module: Auth\n    connections:\n      evse_manager: *ems\n',
  });
  try {
    const r = await validateStation(s, ['--rule', 'everest-evse-order', '--rule', 'everest-auth-wiring']);
    assert.deepEqual(
      byRule(r, 'everest-evse-order').map((d) => [d.line, d.column]),
      [[10, 11]],
    );
    assert.ok(!byRule(r, 'everest-auth-wiring').some((d) => /differs/.test(d.message)));
  } finally {
    s.cleanup();
  }
});

test('merge keys (<<) bring in config values; a finding on a merged value points at the anchor', async () => {
  const s = station({
    text: 'active_modules:\n  evse_manager_1:\n    module: EvseManager\n    config_module: &base\n      connector_id: 2\n  evse_manager_2:\n    module: EvseManager\n    config_module:\n      <<: *base\n      evse_id: "2"\n  ocpp:\n    module: OCPP201\n    connections:\n      evse_manager:\n        - {module_id: evse_manager_2, implementation_id: evse}\n',
  });
  try {
    const r = await validateStation(s, ['--rule', 'everest-evse-order']);
    const [d] = byRule(r, 'everest-evse-order');
    assert.equal(d.line, 15);
    assert.deepEqual([d.related?.[0].line, d.related?.[0].pointer], [5, '/active_modules/evse_manager_2/config_module/connector_id']);
  } finally {
    s.cleanup();
  }
});

test('flow style, comments, CRLF line ends and a BOM give the same lines and columns', async () => {
  const base = wired('# the chargers\n        - {module_id: evse_manager_1, implementation_id: evse}  # first');
  for (const text of [base, base.replace(/\n/g, '\r\n'), '\ufeff' + base, '\ufeff' + base.replace(/\n/g, '\r\n')]) {
    const s = station({ text });
    try {
      const r = await validateStation(s, ['--rule', 'everest-evse-order']);
      const [d] = byRule(r, 'everest-evse-order');
      assert.deepEqual([d.line, d.column, d.related?.[0].line, d.related?.[0].column], [10, 11, 5, 7], JSON.stringify(text.slice(0, 3)));
    } finally {
      s.cleanup();
    }
  }
});

test('quoted keys and a document end marker are read like plain ones', async () => {
  const s = station({ text: '---\n"active_modules":\n  \'ocpp\':\n    module: OCPP201\n...\n' });
  try {
    const r = await validateStation(s, ['--rule', 'everest-connection']);
    assert.ok(byRule(r, 'everest-connection').some((d) => d.line === 3));
  } finally {
    s.cleanup();
  }
});
