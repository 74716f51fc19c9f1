import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test("the SIL config's System module gets an info at the connection", needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    const found = byRule(await validateStation(s), 'everest-system-simulation');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['info', lineOf(s.text, '- module_id: system', 'module: OCPP201')]],
    );
  } finally {
    s.cleanup();
  }
});
