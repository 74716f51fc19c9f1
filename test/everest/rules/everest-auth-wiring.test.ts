import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test("Auth without OCPP's auth_provider is an error at token_provider, exit 1", needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) => t.replace('        - module_id: ocpp\n          implementation_id: auth_provider\n', ''),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-auth-wiring');
    assert.equal(r.code, 1);
    assert.equal(found.length, 1);
    assert.equal(found[0].line, lineOf(s.text, 'token_provider:', 'module: Auth'));
    assert.match(found[0].message, /auth_provider/);
  } finally {
    s.cleanup();
  }
});

test('a second token validator beside OCPP is a warning; a different EvseManager order is an error', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t
        .replace(
          '      token_validator:\n        - module_id: ocpp\n          implementation_id: auth_validator\n',
          '      token_validator:\n        - module_id: ocpp\n          implementation_id: auth_validator\n        - module_id: ocpp\n          implementation_id: auth_validator\n',
        )
        .replace(
          '      evse_manager:\n        - module_id: evse_manager_1\n          implementation_id: evse\n        - module_id: evse_manager_2\n          implementation_id: evse\n      kvs:',
          '      evse_manager:\n        - module_id: evse_manager_2\n          implementation_id: evse\n        - module_id: evse_manager_1\n          implementation_id: evse\n      kvs:',
        ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-auth-wiring');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [
        ['warning', lineOf(s.text, 'token_validator:', 'module: Auth')],
        ['error', lineOf(s.text, 'evse_manager:', 'module: Auth')],
      ],
    );
  } finally {
    s.cleanup();
  }
});
