import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-data-type.js';
import { APPENDIX_CONTRADICTIONS } from '../../src/catalog/contradictions.js';
import { fixture, REFERENCE, ROOT } from '../support/paths.js';
import { check as checkFiles, component, variable } from './rule-harness.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });
const EVEREST = join(REFERENCE, 'everest-component-config');

test('HeartbeatInterval declared as string is an error at its dataType', () => {
  const [d, ...rest] = check(fixture('broken/spec-data-type'), 'spec-2.0.1');
  assert.equal(rest.length, 0);
  assert.equal(d.pointer, '/properties/HeartbeatInterval/characteristics/dataType');
  assert.equal(d.message, 'OCPPCommCtrlr.HeartbeatInterval is string here; OCPP 2.0.1 defines it as integer');
});

for (const [what, dir, options] of [
  ['the shipped config', join(ROOT, 'component_config'), {}],
  ["EVerest's config", EVEREST, { skip: !existsSync(EVEREST) }],
] as const)
  test(`NetworkConfigurationPriority as SequenceList agrees with the standard despite the appendix CSV: ${what}`, options, () => {
    for (const target of ['spec-2.0.1', 'spec-2.1'] as const)
      assert.ok(!check(dir, target).some((d) => d.message.includes('NetworkConfigurationPriority')));
  });

test(
  "EVerest's ChargingStation.PhaseRotation (string): a warning under 2.1, whose appendix gives both; an error under 2.0.1",
  { skip: !existsSync(EVEREST) },
  () => {
    const [d21] = check(EVEREST, 'spec-2.1').filter((d) => d.message.startsWith('ChargingStation.PhaseRotation'));
    assert.equal(d21.severity, 'warning');
    assert.equal(
      d21.message,
      "ChargingStation.PhaseRotation is string here; the OCPP 2.1 appendix contradicts itself: dm_components_vars.csv writes OptionList, 2.1's variables.csv (and libocpp) string",
    );
    const [d201] = check(EVEREST, 'spec-2.0.1').filter((d) => d.message.startsWith('ChargingStation.PhaseRotation'));
    assert.equal(d201.severity, 'error');
    assert.equal(d201.message, 'ChargingStation.PhaseRotation is string here; OCPP 2.0.1 defines it as OptionList');
  },
);

const oneVariable = (componentName: string, name: string, dataType: string, target: Target) =>
  checkFiles(
    { [`standardized/${componentName}.json`]: component(componentName, { [name]: variable(name, { dataType }) }) },
    [rule],
    target,
  );

test('every known contradiction: the other type is a warning that says who writes what, the catalog type passes, a third type is an error', () => {
  for (const c of APPENDIX_CONTRADICTIONS) {
    const componentName = c.component === '*' ? 'EVSE' : c.component;
    for (const release of c.releases) {
      const target = `spec-${release}` as Target;
      assert.deepEqual(oneVariable(componentName, c.variable, c.standard, target), [], `${c.variable} ${release}`);
      const [warning, ...rest] = oneVariable(componentName, c.variable, c.alsoWritten, target);
      assert.equal(rest.length, 0);
      assert.equal(warning.severity, 'warning');
      assert.match(warning.message, new RegExp(`the OCPP ${release.replace('.', '\\.')} appendix contradicts itself: `));
      assert.equal(warning.hint, c.advice);
      const [error] = oneVariable(componentName, c.variable, 'MemberList', target);
      assert.equal(error.severity, 'error');
    }
  }
  // NetworkConfigurationPriority written as string, as dm_components_vars.csv has it: a warning, not an error
  const [ncp] = oneVariable('OCPPCommCtrlr', 'NetworkConfigurationPriority', 'string', 'spec-2.0.1');
  assert.equal(ncp.hint, 'write SequenceList, as libocpp and the specification do');
});
