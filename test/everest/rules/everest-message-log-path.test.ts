import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a MessageLogPath whose parent does not exist is an error at the key, exit 1', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '    module: OCPP201\n',
        '    module: OCPP201\n    config_module:\n      MessageLogPath: /nonexistent-ocppctl-test/ocpp/logs\n',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-message-log-path');
    assert.equal(r.code, 1);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line, d.pointer]),
      [['error', lineOf(s.text, 'MessageLogPath:'), '/active_modules/ocpp/config_module/MessageLogPath']],
    );
  } finally {
    s.cleanup();
  }
});
