import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-required-variable.js';
import { fixture } from '../support/paths.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });

test('a SecurityCtrlr without SecurityProfile is an error under both spec targets, located at its properties', () => {
  for (const target of ['spec-2.0.1', 'spec-2.1'] as const) {
    const [d, ...rest] = check(fixture('broken/spec-required-variable'), target);
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'error');
    assert.match(d.file, /standardized\/SecurityCtrlr\.json$/);
    assert.equal(d.pointer, '/properties');
    assert.match(d.message, /SecurityCtrlr has no SecurityProfile, which OCPP 2\.(0\.1|1) requires/);
    assert.match(d.hint ?? '', /ocppctl explain SecurityCtrlr\.SecurityProfile/);
  }
});

test('the libocpp target does not run the spec rule', () => {
  assert.deepEqual(check(fixture('broken/spec-required-variable'), 'libocpp'), []);
});

test('Available=false exempts a component, and language instances satisfy a <language> row', () => {
  assert.deepEqual(check(fixture('valid/spec-gating'), 'spec-2.1'), []);
});

test('2.0.1 wants TariffFallbackMessage without instance, so language instances alone are not enough there', () => {
  const found = check(fixture('valid/spec-gating'), 'spec-2.0.1').map((d) => d.message);
  assert.deepEqual(found, [
    'TariffCostCtrlr has no TariffFallbackMessage, which OCPP 2.0.1 requires of every station that implements the component',
    'TariffCostCtrlr has no TotalCostFallbackMessage, which OCPP 2.0.1 requires of every station that implements the component',
  ]);
});

test('with V2XChargingCtrlr present, 2.1 also requires the V2X rows such as EVSE.DischargePower', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-spec-'));
  try {
    cpSync(fixture('valid/spec-gating'), dir, { recursive: true });
    const v2x = {
      name: 'V2XChargingCtrlr',
      properties: {
        Available: {
          variable_name: 'Available',
          characteristics: { dataType: 'boolean', supportsMonitoring: false },
          attributes: [{ type: 'Actual', value: true }],
        },
      },
    };
    writeFileSync(join(dir, 'standardized/V2XChargingCtrlr.json'), JSON.stringify(v2x, null, 2));
    const found = check(dir, 'spec-2.1').map((d) => d.message);
    assert.ok(
      found.includes('EVSE (evse 1) has no DischargePower, which OCPP 2.1 requires when V2X is supported (V2XChargingCtrlr is present)'),
      found.join('\n'),
    );
    // V2XChargingCtrlr's own required variables
    assert.ok(found.some((m) => m.startsWith('V2XChargingCtrlr has no SupportedOperationModes')));
    const evse = JSON.parse(readFileSync(join(dir, 'custom/EVSE_1.json'), 'utf8'));
    assert.equal(evse.evse_id, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
