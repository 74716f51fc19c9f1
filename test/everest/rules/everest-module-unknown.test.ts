import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a module type without a manifest is a warning with did-you-mean, never a crash', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201', edit: (t) => t.replace('module: PyEvJosev', 'module: PyEvJosef') });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-module-unknown');
    assert.equal(r.code, 0);
    assert.deepEqual(found.map((d) => [d.severity, d.line]), [['warning', lineOf(s.text, 'module: PyEvJosef')]]);
    assert.match(found[0].message, /did you mean PyEvJosev/);
  } finally {
    s.cleanup();
  }
});
