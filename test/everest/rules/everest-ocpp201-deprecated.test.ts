import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('OCPP201 gets an info pointing at OCPPmulti; OCPPmulti does not', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201' });
  try {
    const found = byRule(await validateStation(s), 'everest-ocpp201-deprecated');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['info', lineOf(s.text, 'module: OCPP201')]],
    );
  } finally {
    s.cleanup();
  }
  const multi = station({ name: 'config-sil-ocpp-multi' });
  try {
    assert.deepEqual(byRule(await validateStation(multi), 'everest-ocpp201-deprecated'), []);
  } finally {
    multi.cleanup();
  }
});
