import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closestNames, editDistance } from '../../src/catalog/index.js';
import type { Report } from '../../src/diagnostics/index.js';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-unknown-variable.js';
import { runCli } from '../support/cli.js';
import { fixture, REFERENCE, ROOT } from '../support/paths.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });
const EVEREST = join(REFERENCE, 'everest-component-config');

test('HeartbeatIntervall on OCPPCommCtrlr is an error that suggests HeartbeatInterval, pointing at the entry', () => {
  for (const target of ['spec-2.0.1', 'spec-2.1'] as const) {
    const [d, ...rest] = check(fixture('broken/spec-unknown-variable'), target);
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/properties/HeartbeatInterval');
    assert.equal(d.line, 7);
    assert.match(
      d.message,
      /^HeartbeatIntervall is not an OCPP 2\.(0\.1|1) variable of OCPPCommCtrlr; .*Did you mean HeartbeatInterval\?$/,
    );
    assert.match(d.hint ?? '', /rename variable_name to HeartbeatInterval/);
  }
});

// the shipped config with libocpp's own SmartChargingCtrlr variable, which it does not have: runs without ../shared
function shippedWithLibocppVariable(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-libocpp-var-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  const variable = {
    variable_name: 'CompositeScheduleDefaultLimitAmps',
    characteristics: { dataType: 'integer', supportsMonitoring: false },
    attributes: [{ type: 'Actual', mutability: 'ReadWrite', value: '48' }],
  };
  writeFileSync(
    join(dir, 'standardized/SmartChargingCtrlr.json'),
    JSON.stringify({ name: 'SmartChargingCtrlr', properties: { CompositeScheduleDefaultLimitAmps: variable } }, null, 2),
  );
  return dir;
}

for (const [what, dir, options] of [
  ['the shipped config with one', shippedWithLibocppVariable, {}],
  ["EVerest's config", () => EVEREST, { skip: !existsSync(EVEREST) }],
] as const)
  test(`libocpp's own variables on standardized components are info, not errors: ${what}`, options, () => {
    const found = check(dir(), 'spec-2.1');
    assert.ok(found.length > 0);
    assert.ok(
      found.every((d) => d.severity === 'info'),
      found
        .filter((d) => d.severity !== 'info')
        .map((d) => d.message)
        .join('\n'),
    );
    assert.ok(found.some((d) => d.message.startsWith("CompositeScheduleDefaultLimitAmps is libocpp's own variable of SmartChargingCtrlr")));
  });

// both trees hold InternalCtrlr and OCPP16LegacyCtrlr, whose variables OCPP does not define
for (const [what, dir, options] of [
  ['the shipped config', join(ROOT, 'component_config'), {}],
  ["EVerest's config", EVEREST, { skip: !existsSync(EVEREST) }],
] as const)
  test(`custom components are not checked against the standard: ${what}`, options, () => {
    const found = check(dir, 'spec-2.0.1');
    assert.ok(!found.some((d) => /InternalCtrlr|OCPP16LegacyCtrlr/.test(d.file)));
  });

test(
  'a 100,000-character unknown name is an error without a suggestion, found without comparing it letter by letter',
  { timeout: 60_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-long-name-'));
    cpSync(join(ROOT, 'component_config'), join(dir, 'component_config'), { recursive: true });
    const path = join(dir, 'component_config/standardized/OCPPCommCtrlr.json');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { properties: Record<string, unknown> };
    const name = 'Q'.repeat(100_000);
    doc.properties[name] = {
      variable_name: name,
      characteristics: { dataType: 'string', supportsMonitoring: false },
      attributes: [{ type: 'Actual', mutability: 'ReadWrite', value: 'x' }],
    };
    writeFileSync(path, JSON.stringify(doc, null, 2));
    const r = await runCli(['validate', 'component_config', '--target', 'spec-2.1', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const d = (JSON.parse(r.stdout) as Report).diagnostics.find((x) => x.ruleId === 'spec-unknown-variable');
    assert.ok(d, 'no spec-unknown-variable finding');
    assert.equal(d.severity, 'error');
    assert.doesNotMatch(d.message, /Did you mean/);
  },
);

test('suggestions stay for near names, and the bounded distance agrees with the full one', () => {
  assert.deepEqual(closestNames('HeartbeatIntervall', ['HeartbeatInterval', 'OfflineThreshold']), ['HeartbeatInterval']);
  assert.deepEqual(closestNames('heartbeatinterval', ['HeartbeatInterval']), ['HeartbeatInterval']);
  assert.deepEqual(closestNames('x'.repeat(129), ['x'.repeat(129)]), []);
  const words = ['kitten', 'sitting', 'HeartbeatInterval', 'HeartbeatIntervla', 'ab', 'ba', '', 'abc', 'cab', 'OfflineThreshold'];
  for (const a of words)
    for (const b of words)
      for (const max of [0, 1, 2, 3]) {
        const full = editDistance(a, b);
        assert.equal(editDistance(a, b, max), full <= max ? full : max + 1, `${a} ${b} ${max}`);
      }
});
