import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean, runRule } from './slot-harness.js';

test('a 20-character password passes under every target', async () => {
  await assertSlotsClean('password-length');
  for (const target of ['spec-2.0.1', 'spec-2.1']) {
    const { report } = await runRule('password-length', 'fixtures/valid/slots/component_config', ['--target', target]);
    assert.deepEqual(report.diagnostics, []);
  }
});

test('a 12-character password exits 1 and the output never contains it', async () => {
  const { code, report, stdout } = await validateFixture('password-length', 'broken/password-length');
  assert.equal(code, 1);
  assert.equal(report.diagnostics[0].message, 'SecurityCtrlr.BasicAuthPassword has 12 characters; libocpp needs 16 to 64');
  assert.ok(!stdout.includes('short-secret'));
});

test('45 characters: a warning under libocpp (2.0.1 offered), an error under spec-2.0.1, fine under spec-2.1', async () => {
  const libocpp = await validateFixture('password-length', 'broken/password-length-2.0.1');
  assert.deepEqual(
    libocpp.report.diagnostics.map((d) => d.severity),
    ['warning'],
  );
  assert.ok(!libocpp.stdout.includes('forty-five'));
  const spec201 = await validateFixture('password-length', 'broken/password-length-2.0.1', ['--target', 'spec-2.0.1']);
  assert.equal(spec201.code, 1);
  assert.equal(spec201.report.diagnostics[0].message, 'slot 1 BasicAuthPassword has 45 characters; OCPP 2.0.1 needs 16 to 40');
  const spec21 = await runRule('password-length', 'fixtures/broken/password-length-2.0.1/component_config', ['--target', 'spec-2.1']);
  assert.deepEqual(spec21.report.diagnostics, []);
});
