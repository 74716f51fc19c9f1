import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigTree, nlohmannDouble, nlohmannNumberText, effectiveValue, findComponent, findVariable } from '../../src/model/index.js';
import { runCli } from '../support/cli.js';
import { fixture } from '../support/paths.js';

function tree(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-load-'));
  mkdirSync(join(root, 'standardized'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('a folder without standardized/ is an input error: exit 2, one line, no stack trace', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-load-'));
  mkdirSync(join(root, 'custom'));
  const result = await runCli(['validate', root]);
  assert.equal(result.code, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.match(result.stderr, /has no standardized\/ folder/);
  assert.doesNotMatch(result.stderr, /\bat .*\.js:\d+/);
});

test('a custom/ component replaces the standardized/ one with the same key in the effective model', () => {
  const t = loadConfigTree(fixture('broken/duplicate-component-override/component_config'));
  assert.equal(t.components.length, 5);
  assert.equal(t.effective.length, 4);
  assert.equal(findComponent(t, 'ClockCtrlr')?.source.folder, 'custom');
});

test('ignored entries are listed but neither parsed nor counted', () => {
  const t = loadConfigTree(fixture('broken/ignored-file/component_config'));
  assert.equal(t.files.length, 4);
  assert.deepEqual(
    t.ignored.map((e) => e.file.replace(/^.*component_config\//, '')),
    ['standardized/Extra.JSON', 'standardized/old', 'custom/README.md'],
  );
});

test('numbers are stored as nlohmann prints them: integers as written, doubles with ".0" or an exponent', () => {
  assert.equal(nlohmannNumberText('60'), '60');
  assert.equal(nlohmannNumberText('-0'), '0');
  assert.equal(nlohmannNumberText('60.0'), '60.0');
  assert.equal(nlohmannNumberText('1e3'), '1000.0');
  assert.equal(nlohmannNumberText('2.50'), '2.5');
  assert.equal(nlohmannNumberText('18446744073709551615'), '18446744073709551615');
  assert.equal(nlohmannNumberText('18446744073709551616'), '1.8446744073709552e+19');
  assert.equal(nlohmannDouble(1e14), '100000000000000.0');
  assert.equal(nlohmannDouble(1e15), '1e+15');
  assert.equal(nlohmannDouble(0.0001), '0.0001');
  assert.equal(nlohmannDouble(0.00001), '1e-05');
  assert.equal(nlohmannDouble(-1.5e-7), '-1.5e-07');
  assert.equal(nlohmannDouble(-0), '-0.0');
});

test('effectiveValue reads a number from its source text, with or without a syntax tree', () => {
  const file = (value: string) =>
    `{"name":"C","properties":{"V":{"variable_name":"V","characteristics":{"dataType":"integer","supportsMonitoring":false},"attributes":[{"type":"Actual","value":${value}}]}}}`;
  for (const [written, stored] of [
    ['60', '60'],
    ['60.0', '60.0'],
    ['6e1', '60.0'],
    ['true', 'true'],
  ]) {
    const t = loadConfigTree(tree({ 'standardized/C.json': file(written) }));
    assert.equal(effectiveValue(findVariable(findComponent(t, 'C'), 'V')!).value, stored, written);
  }
});
