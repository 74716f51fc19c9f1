import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../src/diagnostics/index.js';
import { TARGETS } from '../src/rules/index.js';
import { runCli } from './support/cli.js';
import { ROOT } from './support/paths.js';

for (const target of TARGETS) {
  test(`the shipped component_config validates with 0 errors and 0 warnings under --target ${target}`, async () => {
    const { code, stdout } = await runCli(['validate', 'component_config', '--target', target, '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(stdout) as Report;
    const problems = report.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.file}${d.pointer} ${d.ruleId}: ${d.message}`);
    assert.deepEqual(problems, []);
    assert.equal(code, 0);
    assert.equal(report.summary.files, 16);
  });
}

test('the shipped config holds no password: both slots fall back to a SecurityCtrlr password provided at install time', async () => {
  const { stdout } = await runCli(['validate', 'component_config', '--format', 'json'], { cwd: ROOT });
  const report = JSON.parse(stdout) as Report;
  assert.deepEqual(
    report.diagnostics.map((d) => d.ruleId),
    ['slot-password', 'slot-password'],
  );
});
