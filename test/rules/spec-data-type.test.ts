import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-data-type.js';
import { fixture, REFERENCE } from '../support/paths.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });
const EVEREST = join(REFERENCE, 'everest-component-config');

test('HeartbeatInterval declared as string is an error at its dataType', () => {
  const [d, ...rest] = check(fixture('broken/spec-data-type'), 'spec-2.0.1');
  assert.equal(rest.length, 0);
  assert.equal(d.pointer, '/properties/HeartbeatInterval/characteristics/dataType');
  assert.equal(d.message, 'OCPPCommCtrlr.HeartbeatInterval is string here; OCPP 2.0.1 defines it as integer');
});

test('NetworkConfigurationPriority as SequenceList agrees with the standard despite the appendix CSV', { skip: !existsSync(EVEREST) }, () => {
  for (const target of ['spec-2.0.1', 'spec-2.1'] as const)
    assert.ok(!check(EVEREST, target).some((d) => d.message.includes('NetworkConfigurationPriority')));
});

test('EVerest\'s ChargingStation.PhaseRotation (string, the standard says OptionList) is reported', { skip: !existsSync(EVEREST) }, () => {
  assert.ok(check(EVEREST, 'spec-2.1').some((d) => d.message === 'ChargingStation.PhaseRotation is string here; OCPP 2.1 defines it as OptionList'));
});
