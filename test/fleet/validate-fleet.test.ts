import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../support/cli.js';
import { makeFleet, names, SHIPPED_FILES } from './fleet-dir.js';

const stationNames = names(6);
const fleet = () => makeFleet(stationNames.map((name, i) => ({ name, broken: i === 2 || i === 4 })));

test('many roots: every diagnostic with a path relative to cwd, exit 1 when a station has errors', async () => {
  const cwd = fleet();
  const roots = stationNames.map((n) => `stations/${n}/component_config`);
  const r = await runCli(['validate', ...roots, '--format', 'json'], { cwd });
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(
    report.diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { file: string }) => d.file),
    ['stations/st-002/component_config/standardized/Broken.json', 'stations/st-004/component_config/standardized/Broken.json'],
  );
  assert.equal(report.summary.files, 6 * SHIPPED_FILES + 2);
});

test('two workers and one worker give byte-identical reports in every format', async () => {
  const cwd = fleet();
  for (const format of ['json', 'sarif', 'github', 'stylish']) {
    const one = await runCli(['validate', '--fleet', 'stations', '--workers', '1', '--format', format], { cwd });
    const two = await runCli(['validate', '--fleet', 'stations', '--workers', '2', '--format', format], { cwd });
    assert.equal(two.stdout, one.stdout, format);
    assert.equal(two.code, one.code);
  }
});

test('stylish output ends with one line per station and the station totals', async () => {
  const r = await runCli(['validate', '--fleet', 'stations', '--no-color'], { cwd: fleet() });
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '6 stations: 4 clean, 2 with errors');
  assert.match(r.stdout, new RegExp(String.raw`✖ stations/st-002\/component_config\s+1 error, 0 warnings\s+${SHIPPED_FILES + 1} files`));
  assert.match(r.stdout, new RegExp(String.raw`✔ stations/st-000\/component_config\s+0 errors, 0 warnings\s+${SHIPPED_FILES} files`));
});

test('a clean fleet exits 0', async () => {
  const cwd = makeFleet(names(3).map((name) => ({ name })));
  const r = await runCli(['validate', '--fleet', '.', '--format', 'json'], { cwd });
  assert.equal(r.code, 0, r.stdout);
});

test('an unreadable station is reported on stderr and exits 2 while the others are still checked', async () => {
  const cwd = fleet();
  const r = await runCli(['validate', 'stations/st-000/component_config', 'stations/missing', '--format', 'json'], { cwd });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'ocppctl: no component_config folder at stations/missing\n');
  assert.equal(JSON.parse(r.stdout).summary.files, SHIPPED_FILES);
});

test('--fleet below a folder without any tree exits 2', async () => {
  const r = await runCli(['validate', '--fleet', 'stations/st-000/component_config/custom'], { cwd: fleet() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no component_config tree \(a folder holding standardized\/\) below/);
});

test('the shards of a 2-job matrix together report exactly what one job reports', async () => {
  const cwd = fleet();
  const files = async (args: string[]) =>
    JSON.parse((await runCli(['validate', '--fleet', 'stations', '--format', 'json', ...args], { cwd })).stdout).diagnostics.map(
      (d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`,
    );
  const all = await files([]);
  const parts = [...(await files(['--shard', '1/2'])), ...(await files(['--shard', '2/2']))];
  assert.deepEqual(parts.sort(), [...all].sort());
  assert.ok((await files(['--shard', '1/2'])).length < all.length);
});

test('bad --shard and --workers values are usage errors (exit 2)', async () => {
  const cwd = fleet();
  for (const args of [
    ['--shard', '3/2'],
    ['--workers', '0'],
    ['--workers', 'many'],
  ]) {
    const r = await runCli(['validate', '--fleet', 'stations', ...args], { cwd });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^ocppctl: --(shard|workers) needs/);
  }
});

test('--changed-since checks only the stations with files changed since the git ref', async () => {
  const cwd = fleet();
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'fleet');
  writeFileSync(join(cwd, 'stations/st-001/component_config/custom/New Thing.json'), '[1,');
  writeFileSync(join(cwd, 'stations/st-003/component_config/custom/Other.json'), '{}');
  const r = await runCli(['validate', '--fleet', 'stations', '--changed-since', 'HEAD', '--no-color'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^2 stations:$/m);
  assert.match(r.stdout, /st-001/);
  assert.match(r.stdout, /st-003/);
  assert.doesNotMatch(r.stdout, /st-002/);

  const none = await runCli(['validate', '--fleet', 'stations', '--changed-since', 'HEAD~0', '--format', 'sarif'], {
    cwd: join(cwd, 'stations/st-000'),
  });
  assert.equal(none.code, 2, 'no tree below stations/st-000: --fleet stations does not exist there');
  const bad = await runCli(['validate', '--fleet', 'stations', '--changed-since', 'no-such-ref'], { cwd });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^ocppctl: --changed-since no-such-ref: git diff failed: /);
});

test('with no station changed the report is empty and valid, and the exit code 0', async () => {
  const cwd = makeFleet(names(2).map((name) => ({ name })));
  execFileSync('git', ['init', '-q'], { cwd });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x'], { cwd });
  execFileSync('git', ['add', '.'], { cwd });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'y'], { cwd });
  const r = await runCli(['validate', '--fleet', 'stations', '--changed-since', 'HEAD', '--format', 'sarif'], { cwd });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout).runs[0].results, []);
  assert.match(r.stderr, /no component_config tree has changed since HEAD/);
});

async function withTerminal(args: string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd,
    env,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: true,
    interactive: false,
    columns: 80,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

test('a progress bar goes to stderr on a terminal, and is cleared before the report', async () => {
  const cwd = fleet();
  const r = await withTerminal(['validate', '--fleet', 'stations', '--no-color'], {}, cwd);
  assert.match(r.stderr, /\r\[#+\] 6\/6 stations/);
  assert.ok(r.stderr.endsWith('\r\x1b[K'));
  assert.doesNotMatch(r.stdout, /\r/);
});

test('no progress bar in CI, with machine formats or when stdout is not a terminal', async () => {
  const cwd = fleet();
  assert.equal((await withTerminal(['validate', '--fleet', 'stations'], { CI: 'true' }, cwd)).stderr, '');
  for (const format of ['json', 'sarif', 'github'])
    assert.equal((await withTerminal(['validate', '--fleet', 'stations', '-f', format], {}, cwd)).stderr, '');
  assert.equal((await runCli(['validate', '--fleet', 'stations'], { cwd })).stderr, '');
});
