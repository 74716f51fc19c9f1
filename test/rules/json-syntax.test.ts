import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, validateFixture } from './rule-harness.js';

test('well-formed UTF-8 JSON files pass', async () => {
  await assertClean('json-syntax');
});

test('a trailing comma is an error at the line and column where parsing stops', async () => {
  const { code, report } = await validateFixture('json-syntax', 'broken/json-syntax');
  assert.equal(code, 1);
  assert.deepEqual([report.diagnostics[0].line, report.diagnostics[0].column], [7, 86]);
});

test('a byte order mark is an error at 1:1 (nlohmann skips it, most other JSON tools do not)', async () => {
  const { code, report } = await validateFixture('json-syntax', 'broken/json-syntax-bom');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].message, /byte order mark/);
});

test('invalid UTF-8 is an error at the offending byte', async () => {
  const { code, report } = await validateFixture('json-syntax', 'broken/json-syntax-invalid-utf8');
  assert.equal(code, 1);
  assert.deepEqual([report.diagnostics[0].line, report.diagnostics[0].column], [12, 96]);
  assert.match(report.diagnostics[0].message, /0xff/);
});

test('an empty file is an error', async () => {
  const { code, report } = await validateFixture('json-syntax', 'broken/json-syntax-empty');
  assert.equal(code, 1);
  assert.match(report.diagnostics[0].file, /ClockCtrlr\.json$/);
});
