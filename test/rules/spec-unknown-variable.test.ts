import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-unknown-variable.js';
import { fixture, REFERENCE } from '../support/paths.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });
const EVEREST = join(REFERENCE, 'everest-component-config');

test('HeartbeatIntervall on OCPPCommCtrlr is an error that suggests HeartbeatInterval, pointing at the entry', () => {
  for (const target of ['spec-2.0.1', 'spec-2.1'] as const) {
    const [d, ...rest] = check(fixture('broken/spec-unknown-variable'), target);
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/properties/HeartbeatInterval');
    assert.equal(d.line, 7);
    assert.match(d.message, /^HeartbeatIntervall is not an OCPP 2\.(0\.1|1) variable of OCPPCommCtrlr; .*Did you mean HeartbeatInterval\?$/);
    assert.match(d.hint ?? '', /rename variable_name to HeartbeatInterval/);
  }
});

test('libocpp\'s own variables on standardized components are info, not errors', { skip: !existsSync(EVEREST) }, () => {
  const found = check(EVEREST, 'spec-2.1');
  assert.ok(found.length > 0);
  assert.ok(found.every((d) => d.severity === 'info'), found.filter((d) => d.severity !== 'info').map((d) => d.message).join('\n'));
  assert.ok(found.some((d) => d.message.startsWith("CompositeScheduleDefaultLimitAmps is libocpp's own variable of SmartChargingCtrlr")));
});

test('custom components are not checked against the standard', { skip: !existsSync(EVEREST) }, () => {
  const found = check(EVEREST, 'spec-2.0.1');
  assert.ok(!found.some((d) => /InternalCtrlr|OCPP16LegacyCtrlr/.test(d.file)));
});
