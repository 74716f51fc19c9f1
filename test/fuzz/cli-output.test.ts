import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../support/cli.js';
import { BIN, ROOT } from '../support/paths.js';
import { mutatedText, toBytes } from './mutations.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const STACK = /\n\s+at .+(:\d+:\d+\)?|\(native\))$|node:internal|Error: .*\n\s+at /m;
const shipped = (['standardized', 'custom'] as const).flatMap((folder) =>
  readdirSync(join(ROOT, 'component_config', folder))
    .filter((n) => n.endsWith('.json'))
    .map((name) => ({ folder, name, text: readFileSync(join(ROOT, 'component_config', folder, name), 'utf8') })),
);
const mutatedTree = fc.array(
  fc.integer({ min: 0, max: shipped.length - 1 }).chain((i) => mutatedText(shipped[i].text).map((text) => ({ i, text }))),
  { minLength: 1, maxLength: 3 },
);

function writeTree(mutations: { i: number; text: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-fuzz-cli-'));
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  for (const m of mutations) writeFileSync(join(dir, shipped[m.i].folder, shipped[m.i].name), toBytes(m.text));
  return dir;
}

const noStack = (out: string) => assert.doesNotMatch(out, STACK, out.slice(0, 2000));

test('validate prints no stack trace and exits 0 or 1 for any mutated tree, in every format and target', async () => {
  const format = fc.constantFrom('stylish', 'json', 'sarif', 'github');
  const target = fc.constantFrom('libocpp', 'spec-2.0.1', 'spec-2.1');
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(mutatedTree, format, target, async (mutations, f, t) => {
      cases++;
      const r = await runCli(['validate', writeTree(mutations), '--format', f, '--target', t]);
      noStack(r.stdout + r.stderr);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
      if (f !== 'stylish' && f !== 'github') JSON.parse(r.stdout);
    }),
    { numRuns: 60, seed: SEED },
  );
  console.log(`cli fuzz (seed ${SEED}): ${cases} in-process validate runs`);
});

test('the executable prints no stack trace for mutated trees, a fleet of them, or unusable folders', () => {
  const trees = fc.sample(mutatedTree, { numRuns: 6, seed: SEED }).map(writeTree);
  const fleet = mkdtempSync(join(tmpdir(), 'ocppctl-fuzz-fleet-'));
  trees.forEach((t, i) => cpSync(t, join(fleet, `s${i}`, 'component_config'), { recursive: true }));
  const file = join(fleet, 'not-a-folder');
  writeFileSync(file, '{}');
  const runs = [
    ...trees.slice(0, 3).map((t) => ['validate', t]),
    ['validate', '--fleet', fleet, '--workers', '2', '--format', 'sarif'],
    ['validate', file],
    ['validate', join(fleet, 'missing')],
    ['validate', '--fleet', fleet, '--shard', '9/2'],
  ];
  for (const args of runs) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    noStack(r.stdout + r.stderr);
    assert.ok([0, 1, 2].includes(r.status ?? -1), `${args.join(' ')}: exit ${r.status}`);
  }
  console.log(`cli fuzz: ${runs.length} runs of the executable`);
});
