import assert from 'node:assert/strict';
import type { Report } from '../../src/diagnostics/index.js';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/paths.js';

/** A slot rule on the all-clean slot fixture: exit 0, nothing reported. */
export async function assertSlotsClean(rule: string) {
  const { code, stdout } = await runCli(['validate', 'fixtures/valid/slots/component_config', '--rule', rule, '--format', 'json'], {
    cwd: ROOT,
  });
  assert.deepEqual((JSON.parse(stdout) as Report).diagnostics, []);
  assert.equal(code, 0);
}

/** Runs one rule on any folder relative to the project root. */
export async function runRule(rule: string, dir: string, extra: string[] = []) {
  const { code, stdout } = await runCli(['validate', dir, '--rule', rule, '--format', 'json', ...extra], { cwd: ROOT });
  return { code, report: JSON.parse(stdout) as Report };
}
