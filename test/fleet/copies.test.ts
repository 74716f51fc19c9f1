import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareDiagnostics } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { runCli } from '../support/cli.js';
import { ROOT, REFERENCE, needsReference } from '../support/paths.js';
import { names } from './fleet-dir.js';

// A fleet reuses the findings of a station that is a byte-for-byte copy of one checked before, and the parse of
// a file seen before. These pin that a fleet's report is exactly what checking each station alone gives: the
// same findings at each station's own paths, lines and columns, in json and in sarif, with 1 and 2 workers.

const EVEREST = join(REFERENCE, 'everest-component-config');

/** stations/<name>/component_config, each a copy of `base`; `edit` changes one station after copying. */
function fleetOf(base: string, count: number, edit?: (root: string, i: number) => void): { cwd: string; roots: string[] } {
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-copies-'));
  const roots = names(count).map((n, i) => {
    const rel = `stations/${n}/component_config`;
    cpSync(base, join(cwd, rel), { recursive: true });
    edit?.(join(cwd, rel), i);
    return rel;
  });
  return { cwd, roots };
}

/** The shipped config with findings of its own (value-style infos), for machines without the reference. */
function shippedWithFindings(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-copies-base-'));
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  const file = join(dir, 'standardized', 'AlignedDataCtrlr.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/"value": "true"/g, '"value": true'));
  return dir;
}

const replaceIn = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `nothing to replace in ${file}`);
  writeFileSync(file, changed);
};

async function diagnosticsOf(args: string[], cwd: string): Promise<Diagnostic[]> {
  const r = await runCli(['validate', ...args, '--format', 'json'], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout).diagnostics as Diagnostic[];
}

type SarifResult = {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[];
};
async function sarifOf(args: string[], cwd: string): Promise<string[]> {
  const r = await runCli(['validate', ...args, '--format', 'sarif'], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout).runs[0].results as SarifResult[]).map((x) => JSON.stringify(x)).sort();
}

/** The fleet's report (1 and 2 workers, json and sarif) equals the union of each station checked alone. */
async function assertSameAsAlone(cwd: string, roots: string[]) {
  const alone: Diagnostic[] = [];
  const aloneSarif: string[] = [];
  for (const root of roots) {
    alone.push(...(await diagnosticsOf([root], cwd)));
    aloneSarif.push(...(await sarifOf([root], cwd)));
  }
  alone.sort(compareDiagnostics);
  aloneSarif.sort();
  assert.ok(alone.length > roots.length, 'the stations have findings to compare');
  for (const workers of ['1', '2']) {
    const fleet = await diagnosticsOf(['--fleet', 'stations', '--workers', workers], cwd);
    assert.deepEqual(fleet, alone, `json, ${workers} worker(s)`);
    assert.deepEqual(await sarifOf(['--fleet', 'stations', '--workers', workers], cwd), aloneSarif, `sarif, ${workers} worker(s)`);
  }
  return alone;
}

for (const [label, base, opts] of [
  ["EVerest's config", () => EVEREST, needsReference],
  ['the shipped config with findings', shippedWithFindings, {}],
] as const) {
  test(`a fleet of identical copies of ${label} reports each copy's findings at its own paths`, opts, async () => {
    const { cwd, roots } = fleetOf(base(), 5);
    const all = await assertSameAsAlone(cwd, roots);
    // every copy has the same findings, at the same lines and columns, in its own files
    const per = roots.map((r) =>
      all
        .filter((d) => d.file.startsWith(r + '/'))
        .map((d) => ({
          ...d,
          file: d.file.slice(r.length),
          ...(d.related
            ? { related: d.related.map((x) => ({ ...x, file: x.file.startsWith(r + '/') ? x.file.slice(r.length) : x.file })) }
            : {}),
        })),
    );
    for (const p of per) assert.deepEqual(p, per[0]);
    assert.equal(per[0].length * roots.length, all.length);
  });

  test(`a fleet of ${label} where one copy differs by one value reports that copy's own findings`, opts, async () => {
    const { cwd, roots } = fleetOf(base(), 5, (root, i) => {
      // a value that breaks its type (an error of its own) in one station; the others stay copies
      if (i === 3)
        replaceIn(
          join(root, 'standardized', 'OCPPCommCtrlr.json'),
          /("variable_name": "MessageTimeout"[^\]]*?"value": )"?\d+"?/,
          '$1"soon"',
        );
    });
    const all = await assertSameAsAlone(cwd, roots);
    const errorsIn = (i: number) => all.filter((d) => d.file.startsWith(roots[i] + '/') && d.severity === 'error').length;
    assert.ok(errorsIn(3) > errorsIn(2), 'the changed copy has its own finding');
  });

  test(`a fleet of ${label} with a broken file in one copy reports it there only`, opts, async () => {
    const { cwd, roots } = fleetOf(base(), 4, (root, i) => {
      if (i === 1) {
        const file = join(root, 'standardized', 'OCPPCommCtrlr.json');
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, text.slice(0, text.length >> 1));
      }
    });
    const all = await assertSameAsAlone(cwd, roots);
    const syntax = all.filter((d) => d.ruleId === 'json-syntax');
    assert.deepEqual(
      syntax.map((d) => d.file),
      [`${roots[1]}/standardized/OCPPCommCtrlr.json`],
    );
  });
}

test('paths stay relative to the working directory when it lies inside the tree or beside it', async () => {
  const { cwd, roots } = fleetOf(shippedWithFindings(), 1);
  const inside = await diagnosticsOf(['..'], join(cwd, roots[0], 'standardized'));
  assert.ok(
    inside.some((d) => d.file === 'AlignedDataCtrlr.json'),
    JSON.stringify(inside.map((d) => d.file)),
  );
  const beside = await diagnosticsOf([`../../${roots[0].split('/').slice(1).join('/')}`], join(cwd, 'stations', 'elsewhere', 'x'));
  assert.ok(beside.some((d) => d.file === `../../${roots[0].split('/').slice(1).join('/')}/standardized/AlignedDataCtrlr.json`));
});
