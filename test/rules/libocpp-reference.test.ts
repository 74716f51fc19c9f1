import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';

const MINE = [
  'attribute-without-type',
  'data-type',
  'value-type',
  'value-limits',
  'value-in-list',
  'duplicate-component',
  'duplicate-variable',
  'name-length',
  'attribute-duplicate-type',
  'monitors',
  'value-style',
];
const only = MINE.flatMap((id) => ['--rule', id]);
const report = async (dir: string, target = 'libocpp') => {
  const result = await runCli(['validate', dir, '--target', target, '--format', 'json', ...only]);
  return { code: result.code, report: JSON.parse(result.stdout) as { diagnostics: { ruleId: string; severity: string }[] } };
};

test(
  "EVerest's shipped config, which libocpp boots, has no error or warning from the value and structure rules",
  needsReference,
  async () => {
    for (const target of ['libocpp', 'spec-2.0.1', 'spec-2.1']) {
      const { code, report: r } = await report(`${REFERENCE}/everest-component-config`, target);
      assert.equal(code, 0, target);
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity !== 'info'),
        [],
        target,
      );
    }
  },
);

test('the older standalone libocpp config passes as well', needsReference, async () => {
  const { code } = await report(`${REFERENCE}/libocpp-legacy-component-config`);
  assert.equal(code, 0);
});

test(
  "libocpp's own wrong-value-type test config, which its initializer rejects, exits 1 with one value-type error per bad value",
  needsReference,
  async () => {
    const { code, report: r } = await report(`${REFERENCE}/libocpp-tests/resources_wrong/component_config_wrong_value_type`);
    assert.equal(code, 1);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId),
      ['value-type', 'value-type', 'value-type', 'value-type'],
    );
  },
);
