import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, station, validateStation, writeIn } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a user-config overlay is merged and said; a finding on a value it sets points into the overlay', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    writeIn(
      s.dir,
      'user-config/config.yaml',
      '# local changes\nactive_modules:\n  ocpp:\n    config_module:\n      MessageLogPath: /nonexistent-ocppctl-test/a/b\n',
    );
    const r = await validateStation(s);
    assert.equal(r.code, 1);
    assert.deepEqual(
      byRule(r, 'everest-user-config').map((d) => [d.severity, d.file]),
      [['info', 'user-config/config.yaml']],
    );
    const log = byRule(r, 'everest-message-log-path');
    assert.deepEqual(
      log.map((d) => [d.file, d.line]),
      [['user-config/config.yaml', 5]],
    );
    assert.equal(r.summary.files, 2);
  } finally {
    s.cleanup();
  }
});

test('null in the overlay removes a key (JSON merge patch)', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    writeIn(s.dir, 'user-config/config.yaml', 'active_modules:\n  ocpp:\n    connections:\n      reservation: null\n');
    const r = await validateStation(s);
    assert.equal(byRule(r, 'everest-reservation').length, 1);
  } finally {
    s.cleanup();
  }
});
