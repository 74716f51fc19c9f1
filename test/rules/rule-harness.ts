import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic, Report } from '../../src/diagnostics/index.js';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Rule, Target } from '../../src/rules/index.js';
import { runCli } from '../support/cli.js';
import { matchGolden } from '../support/golden.js';
import { ROOT } from '../support/paths.js';

/**
 * Runs `validate <fixtures/set/component_config> --rule <rule> --format json` from the project root, compares it
 * with test/golden/rules/<rule>/<set>.txt and returns the parsed report and exit code.
 */
export async function validateFixture(
  rule: string,
  set: string,
  extra: string[] = [],
): Promise<{ code: number; report: Report; stdout: string }> {
  const args = ['validate', `fixtures/${set}/component_config`, '--rule', rule, '--format', 'json', ...extra];
  const result = await runCli(args, { cwd: ROOT });
  matchGolden(
    `rules/${rule}/${set.replace(/\//g, '--')}${extra.length ? `--${extra.join('-').replace(/^-+/, '')}` : ''}.txt`,
    args,
    result,
  );
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stdout: result.stdout };
}

export const VALID = 'valid/minimal';

/** A valid input: exit 0 and no finding of this rule. */
export async function assertClean(rule: string) {
  const { code, report } = await validateFixture(rule, VALID);
  assert.equal(code, 0);
  assert.deepEqual(report.diagnostics, []);
}

/** A component file as libocpp reads it, built from variables for table-driven tests. */
export function component(name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { name, ...extra, properties };
}

export function variable(
  name: string,
  characteristics: Record<string, unknown>,
  attributes: unknown[] = [{ type: 'Actual', mutability: 'ReadWrite' }],
  extra: Record<string, unknown> = {},
) {
  return { variable_name: name, characteristics: { supportsMonitoring: false, ...characteristics }, attributes, ...extra };
}

/** Writes files (path → JSON value or raw text) into a fresh component_config folder and checks it with `rules`. */
export function check(files: Record<string, unknown>, rules: Rule[], target: Target = 'libocpp'): Diagnostic[] {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-rule-'));
  mkdirSync(join(root, 'standardized'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return validateTree(loadConfigTree(root), { target, rules });
}

/** Checks one variable in a one-file tree. */
export const checkVariable = (v: unknown, rules: Rule[], target: Target = 'libocpp') =>
  check({ 'standardized/Ctrlr.json': component('TestCtrlr', { V: v }) }, rules, target);
