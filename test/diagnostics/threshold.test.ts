import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { REFERENCE, ROOT, needsReference } from '../support/paths.js';
import { applyThreshold, makeReport } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

const PASSWORD = { PW: 'threshold-test-password-1' };
const init = (dir: string) =>
  runCli(['init', dir, '--ocpp', '2.0.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC', '--password-env', 'PW'], {
    env: PASSWORD,
  });

/** Rewrites every integer-looking Actual value as a JSON number, the way EVerest's shipped config writes them. */
function numberize(dir: string): number {
  let n = 0;
  for (const name of readdirSync(join(dir, 'standardized'))) {
    const file = join(dir, 'standardized', name);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const v of Object.values<{ attributes?: { value?: unknown }[] }>(doc.properties))
      for (const a of v.attributes ?? [])
        if (typeof a.value === 'string' && /^[1-9]\d{0,5}$/.test(a.value)) {
          a.value = Number(a.value);
          n++;
        }
    writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  }
  return n;
}

/**
 * Two stations: a is clean apart from infos (numbers where libocpp stores strings), b has one warning
 * (a single slot in NetworkConfigurationPriority) and `infos` such infos.
 */
async function fleet(): Promise<{ cwd: string; infos: number }> {
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-threshold-'));
  for (const s of ['a', 'b']) assert.equal((await init(join(cwd, 'stations', s, 'component_config'))).code, 0);
  assert.equal((await runCli(['set-priority', '1', '-c', 'stations/b/component_config'], { cwd })).code, 0);
  numberize(join(cwd, 'stations/a/component_config'));
  return { cwd, infos: numberize(join(cwd, 'stations/b/component_config')) };
}

test('stylish lists warnings and counts the infos per rule in one line each, ESLint-style; --verbose lists them', async () => {
  const { cwd, infos } = await fleet();
  assert.ok(infos > 10, `only ${infos} numbers`);
  const r = await runCli(['validate', 'stations/b/component_config'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /warning {2}only slot 1 in NetworkConfigurationPriority can be dialled/);
  assert.doesNotMatch(r.stdout, / info {2}/, 'no info listed');
  assert.match(r.stdout, new RegExp(`^${infos} value-style infos not shown; --verbose shows them$`, 'm'));
  assert.match(r.stdout, new RegExp(`⚠ 0 errors, 1 warning, ${infos} infos in \\d+ files\\n$`), 'the summary has the true counts');
  assert.ok(r.stdout.split('\n').length < 12, r.stdout);

  const verbose = await runCli(['validate', 'stations/b/component_config', '--verbose'], { cwd });
  assert.equal(verbose.stdout.match(/ info {2}.*value-style$/gm)?.length, infos);
  assert.doesNotMatch(verbose.stdout, /not shown/);
  const named = await runCli(['validate', 'stations/b/component_config', '--rule', 'value-style'], { cwd });
  assert.equal(named.stdout.match(/ info {2}/g)?.length, infos, '--rule lists every finding of the named rules');
});

test('--min-severity works in every format and leaves the summary true', async () => {
  const { cwd, infos } = await fleet();
  const dir = 'stations/b/component_config';
  const json = async (...extra: string[]) => JSON.parse((await runCli(['validate', dir, '-f', 'json', ...extra], { cwd })).stdout);
  const all = await json();
  assert.equal(all.diagnostics.length, infos + 1, 'json lists everything by default: programs read it');
  const warn = await json('--min-severity', 'warning');
  assert.deepEqual(
    warn.diagnostics.map((d: Diagnostic) => d.ruleId),
    ['slot-count'],
  );
  assert.deepEqual(warn.summary, all.summary);
  assert.deepEqual((await json('--min-severity', 'error')).diagnostics, []);

  const sarif = JSON.parse((await runCli(['validate', dir, '-f', 'sarif', '--min-severity', 'warning'], { cwd })).stdout);
  assert.deepEqual(
    sarif.runs[0].results.map((x: { level: string }) => x.level),
    ['warning'],
  );
  assert.equal(JSON.parse((await runCli(['validate', dir, '-f', 'sarif'], { cwd })).stdout).runs[0].results.length, infos + 1);

  const stylish = await runCli(['validate', dir, '--min-severity', 'error'], { cwd });
  assert.match(stylish.stdout, /^1 slot-count warning not shown; --min-severity warning shows it$/m);
  assert.match(stylish.stdout, /⚠ 0 errors, 1 warning/);
  assert.match((await runCli(['validate', dir, '--min-severity', 'info'], { cwd })).stdout, / info {2}/);
  const bad = await runCli(['validate', dir, '--min-severity', 'notice'], { cwd });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Allowed choices are error, warning, info/);
});

test('--format github emits notices only with --verbose or --min-severity info', async () => {
  const { cwd, infos } = await fleet();
  const kinds = async (...extra: string[]) => {
    const r = await runCli(['validate', 'stations/b/component_config', '-f', 'github', ...extra], { cwd });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout
      .trim()
      .split('\n')
      .map((l) => l.slice(0, l.indexOf(' ')));
  };
  assert.deepEqual(await kinds(), ['::warning']);
  assert.equal((await kinds('--verbose')).filter((k) => k === '::notice').length, infos);
  assert.equal((await kinds('--min-severity', 'info')).filter((k) => k === '::notice').length, infos);
  assert.deepEqual(await kinds('--min-severity', 'error'), ['']);
});

test('--quiet lists errors only, keeps the true counts, and never changes a station verdict in a fleet summary', async () => {
  const { cwd } = await fleet();
  const loud = await runCli(['validate', '--fleet', 'stations'], { cwd });
  const quiet = await runCli(['validate', '--fleet', 'stations', '--quiet'], { cwd });
  assert.equal(loud.code, 0, loud.stderr);
  assert.equal(quiet.code, 0, quiet.stderr);
  const stationLines = (out: string) => out.split('\n').filter((l) => /^ {2}[✔⚠✖] |^\d+ stations:/.test(l));
  assert.deepEqual(stationLines(quiet.stdout), stationLines(loud.stdout));
  assert.match(quiet.stdout, /^ {2}⚠ stations\/b\/component_config +0 errors, 1 warning/m);
  assert.match(quiet.stdout, /2 stations: 1 clean, 1 with warnings/);
  assert.doesNotMatch(quiet.stdout, / warning {2}only slot/, 'the warning itself is not listed');
  assert.match(quiet.stdout, /^1 slot-count warning not shown; leave out --quiet to list it$/m);
  const summary = (out: string) => out.split('\n').find((l) => /^[✔⚠✖] \d+ error/.test(l));
  assert.equal(summary(quiet.stdout), summary(loud.stdout));

  // json: the same summary, fewer diagnostics
  const j = async (...extra: string[]) =>
    JSON.parse((await runCli(['validate', '--fleet', 'stations', '-f', 'json', ...extra], { cwd })).stdout);
  assert.deepEqual((await j('--quiet')).summary, (await j()).summary);
  assert.deepEqual((await j('--quiet')).diagnostics, []);
  // --max-warnings counts what was found, not what is listed
  assert.equal((await runCli(['validate', '--fleet', 'stations', '--quiet', '--max-warnings', '0'], { cwd })).code, 1);
  const clash = await runCli(['validate', '--fleet', 'stations', '--quiet', '--min-severity', 'info'], { cwd });
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /--quiet lists errors only/);
});

test('--rule works with several trees and with --fleet; an unknown rule lists the rule ids', async () => {
  const { cwd } = await fleet();
  const trees = await runCli(
    ['validate', 'stations/a/component_config', 'stations/b/component_config', '--rule', 'slot-count', '-f', 'json'],
    { cwd },
  );
  assert.equal(trees.code, 0, trees.stderr);
  const report = JSON.parse(trees.stdout);
  assert.deepEqual(
    report.diagnostics.map((d: Diagnostic) => `${d.ruleId} ${d.file}`),
    ['slot-count stations/b/component_config/standardized/OCPPCommCtrlr.json'],
  );
  assert.deepEqual(report.summary.infos, 0, 'only the named rule counts');
  const viaFleet = await runCli(['validate', '--fleet', 'stations', '--rule', 'value-style'], { cwd });
  assert.equal(viaFleet.code, 0, viaFleet.stderr);
  assert.doesNotMatch(viaFleet.stdout, /slot-count/);
  assert.match(viaFleet.stdout, /2 stations: 2 clean/, 'an info-only station is clean');
  assert.equal((await runCli(['validate', '--fleet', 'stations', '--rule', 'slot-count', '--max-warnings', '0'], { cwd })).code, 1);

  const unknown = await runCli(['validate', '--fleet', 'stations', '--rule', 'slot-cuont'], { cwd });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--rule slot-cuont: no such rule; the rules are:\n/);
  for (const id of ['slot-count', 'value-style', 'required-libocpp', 'json-syntax'])
    assert.match(unknown.stderr, new RegExp(`^  ${id}$`, 'm'));
  const single = await runCli(['validate', 'fixtures/valid/minimal/component_config', '--rule', 'nosuch'], { cwd: ROOT });
  assert.equal(single.code, 2);
  assert.match(single.stderr, /^ {2}value-style$/m);
});

test("EVerest's config: its two warnings are visible, its 158 value-style infos take one line", needsReference, async () => {
  const r = await runCli(['validate', `${REFERENCE}/everest-component-config`], { cwd: ROOT });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^158 value-style infos not shown; --verbose shows them$/m);
  assert.match(r.stdout, / warning {2}.*slot-count$/m);
  assert.match(r.stdout, / warning {2}.*pnc-secc-certificate$/m);
  assert.ok(r.stdout.split('\n').length < 20, r.stdout);
});

test('the threshold counts what it hides per rule and severity, warnings first, and keeps the summary', () => {
  const d = (ruleId: string, severity: Diagnostic['severity'], line: number): Diagnostic => ({
    ruleId,
    severity,
    message: 'm',
    file: 'f.json',
    pointer: '',
    line,
    column: 1,
  });
  const report = makeReport([d('a', 'info', 1), d('b', 'info', 2), d('b', 'info', 3), d('c', 'warning', 4), d('e', 'error', 5)], 1);
  const { report: shown, hidden } = applyThreshold(report, 'error');
  assert.deepEqual(
    shown.diagnostics.map((x) => x.ruleId),
    ['e'],
  );
  assert.deepEqual(shown.summary, { errors: 1, warnings: 1, infos: 3, files: 1 });
  assert.deepEqual(hidden, [
    { ruleId: 'c', severity: 'warning', count: 1 },
    { ruleId: 'b', severity: 'info', count: 2 },
    { ruleId: 'a', severity: 'info', count: 1 },
  ]);
  assert.deepEqual(applyThreshold(report, 'info'), { report, hidden: [] });
});

test('a finding the output only counts is not located; every finding it lists is, in each format', async () => {
  const { cwd, infos } = await fleet();
  const { validate } = await import('../../src/rules/index.js');
  const dir = join(cwd, 'stations/b/component_config');
  const terse = validate([dir], { locateFrom: 'warning' }).diagnostics;
  const full = validate([dir]).diagnostics;
  assert.equal(terse.length, full.length, 'the same findings, so the counts stay true');
  assert.equal(terse.filter((d) => d.severity === 'info' && d.line === 0).length, infos, 'infos not located');
  assert.ok(
    terse.filter((d) => d.severity !== 'info').every((d) => d.line > 0),
    'warnings located',
  );
  assert.ok(
    full.every((d) => d.line > 0 && d.column > 0),
    'by default everything is located',
  );
  // what the CLI lists is located whichever threshold chose it
  for (const args of [['--verbose'], ['--format', 'json'], ['--min-severity', 'info', '--format', 'sarif']]) {
    const r = await runCli(['validate', 'stations/b/component_config', ...args], { cwd });
    assert.doesNotMatch(r.stdout, /:0:0\b|"line": 0|"startLine": 0/, args.join(' '));
  }
});
