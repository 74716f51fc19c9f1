import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.js';
import { matchGolden } from '../support/golden.js';
import { ROOT } from '../support/paths.js';

// fixtures/broken/formats has one error (value-in-list), one warning (value-limits) and one info (value-style);
// --rule keeps other rules' findings out of the output
const BASE = [
  'validate',
  'fixtures/broken/formats/component_config',
  '--rule',
  'value-in-list',
  '--rule',
  'value-limits',
  '--rule',
  'value-style',
];
const run = (...extra: string[]) => runCli([...BASE, ...extra], { cwd: ROOT });

test('stylish groups findings by file, sorts them by line and ends with a summary line', async () => {
  const args = [...BASE, '--no-color'];
  const result = await runCli(args, { cwd: ROOT });
  matchGolden('formats/stylish.txt', args, result);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /✖ 1 error, 1 warning, 1 info in 4 files\n$/);
});

test('json is the stable interface: diagnostics with located fields and a summary', async () => {
  const result = await run('--format', 'json');
  matchGolden('formats/json.txt', [...BASE, '--format', 'json'], result);
  const report = JSON.parse(result.stdout);
  assert.deepEqual(report.summary, { errors: 1, warnings: 1, infos: 1, files: 4 });
  for (const d of report.diagnostics) {
    assert.deepEqual(Object.keys(d).slice(0, 8), ['ruleId', 'severity', 'message', 'file', 'pointer', 'line', 'column', 'endLine']);
    assert.doesNotMatch(d.file, /\\|^\//, 'relative, forward slashes');
  }
});

test('sarif is SARIF 2.1.0 with every rule and its docs page, and results with regions', async () => {
  const result = await run('--format', 'sarif');
  assert.equal(result.code, 1);
  const log = JSON.parse(result.stdout);
  assert.equal(log.version, '2.1.0');
  const [runLog] = log.runs;
  const ids = runLog.tool.driver.rules.map((r: { id: string }) => r.id);
  for (const id of ['value-in-list', 'value-limits', 'value-style', 'json-syntax']) assert.ok(ids.includes(id));
  for (const r of runLog.tool.driver.rules) assert.match(r.helpUri, new RegExp(`docs/rules/${r.id}\\.md$`));
  for (const res of runLog.results) {
    assert.equal(runLog.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
  }
  // the rule list grows with the project, so the golden file holds the results only, without rule indexes
  const results = runLog.results.map(({ ruleIndex: _ruleIndex, ...rest }: { ruleIndex: number }) => rest);
  matchGolden('formats/sarif-results.txt', [...BASE, '--format', 'sarif'], { ...result, stdout: JSON.stringify(results, null, 2) + '\n' });
});

test('github annotations escape %, : and , and map info to notice', async () => {
  const result = await run('--format', 'github');
  matchGolden('formats/github.txt', [...BASE, '--format', 'github'], result);
  const lines = result.stdout.trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.slice(0, l.indexOf(' '))),
    ['::error', '::notice', '::warning'],
  );
  assert.match(lines[0], /"50%25: busy, really"/);
  assert.match(lines[0], /title=value-in-list::/);
});

test('--quiet lists errors only, still exits 1 and keeps the true counts in the summary', async () => {
  const result = await run('--quiet', '--format', 'json');
  const report = JSON.parse(result.stdout);
  assert.equal(result.code, 1);
  assert.deepEqual(
    report.diagnostics.map((d: { severity: string }) => d.severity),
    ['error'],
  );
  assert.deepEqual(report.summary, { errors: 1, warnings: 1, infos: 1, files: 4 });
});

test('--max-warnings fails only when the warnings exceed it', async () => {
  const warningsOnly = ['validate', 'fixtures/broken/formats/component_config', '--rule', 'value-limits'];
  assert.equal((await runCli(warningsOnly, { cwd: ROOT })).code, 0);
  assert.equal((await runCli([...warningsOnly, '--max-warnings', '1'], { cwd: ROOT })).code, 0);
  const over = await runCli([...warningsOnly, '--max-warnings', '0'], { cwd: ROOT });
  assert.equal(over.code, 1);
  assert.match(over.stderr, /1 warnings exceed --max-warnings 0/);
  const bad = await runCli([...warningsOnly, '--max-warnings', 'many'], { cwd: ROOT });
  assert.equal(bad.code, 2);
});

test('--rule with an unknown id is a usage error', async () => {
  const result = await runCli(['validate', 'fixtures/valid/minimal/component_config', '--rule', 'value-typo'], { cwd: ROOT });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--rule value-typo: no such rule/);
});
