import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a unit other than A/W and a duration not above the interval are warnings at the keys', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace(
        '    module: OCPP201\n',
        '    module: OCPP201\n    config_module:\n      RequestCompositeScheduleUnit: kW\n      RequestCompositeScheduleDurationS: 30\n',
      ),
  });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-composite-schedule');
    assert.equal(r.code, 0);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [
        ['warning', lineOf(s.text, 'RequestCompositeScheduleUnit: kW')],
        ['warning', lineOf(s.text, 'RequestCompositeScheduleDurationS: 30')],
      ],
    );
  } finally {
    s.cleanup();
  }
});
