import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { initDb } from '../../src/db/index.js';
import { validate } from '../../src/rules/index.js';
import { REFERENCE, ROOT } from '../support/paths.js';
import { fileMutant } from './config-mutants.js';
import { toBytes } from './mutations.js';

// The promise under test: whatever init-db refuses (or fails on), validate reports as an error, so a CI gate
// on validate never passes a config that stops the station. Each case mutates one to three files of a real
// tree, writes it to disk, and runs both in-process, init-db on a real SQLite file.
// FUZZ_SEED=<n> replays a run; DIFF_CASES=<n> changes the number of cases.

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CASES = Number(process.env.DIFF_CASES ?? 400);
const REFERENCE_CONFIG = join(REFERENCE, 'everest-component-config');

interface BaseFile {
  rel: string;
  text: string;
}

function readTree(root: string): BaseFile[] {
  return (['standardized', 'custom'] as const).flatMap((folder) =>
    existsSync(join(root, folder))
      ? readdirSync(join(root, folder))
          .filter((n) => n.endsWith('.json'))
          .sort()
          .map((n) => ({ rel: `${folder}/${n}`, text: readFileSync(join(root, folder, n), 'utf8') }))
      : [],
  );
}

// mostly one file, so that a subtle refusal is not hidden behind a loud error elsewhere
const caseOf = (base: BaseFile[]) =>
  fc
    .oneof(
      { arbitrary: fc.integer({ min: 0, max: base.length - 1 }).map((i) => [i]), weight: 4 },
      { arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: base.length - 1 }), { minLength: 2, maxLength: 3 }), weight: 1 },
    )
    .chain((picked) => fc.tuple(...picked.map((i) => fileMutant(base[i].text).map((m) => ({ i, ...m })))));

async function differential(name: string, base: BaseFile[], cases: number) {
  const scratch = mkdtempSync(join(tmpdir(), 'ocppctl-diff-'));
  const mutants = fc.sample(caseOf(base), { numRuns: cases, seed: SEED });
  const disagreements: string[] = [];
  let refused = 0;
  let built = 0;
  try {
    for (const [n, mutation] of mutants.entries()) {
      const dir = join(scratch, `t${n}`);
      for (const f of base) mkdirSync(join(dir, f.rel, '..'), { recursive: true });
      for (const [i, f] of base.entries()) {
        const m = mutation.find((x) => x.i === i);
        writeFileSync(join(dir, f.rel), m ? toBytes(m.text) : f.text);
      }
      const report = validate([dir]);
      let verdict: string | undefined;
      try {
        const r = await initDb({ config: dir, db: join(scratch, `t${n}.db`) });
        if (r.status === 'refused') verdict = `refused: ${r.diagnostics.find((d) => d.severity === 'error')?.message}`;
        else built++;
      } catch (err) {
        verdict = `threw: ${(err as Error).message}`;
      }
      if (verdict) refused++;
      if (verdict && report.summary.errors === 0)
        disagreements.push(
          `case ${n}: validate has no error, init-db ${verdict}\n    ${mutation.map((m) => `${base[m.i].rel}: ${m.what}`).join('\n    ')}`,
        );
      rmSync(dir, { recursive: true, force: true });
      rmSync(join(scratch, `t${n}.db`), { force: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(
    `differential ${name} (seed ${SEED}): ${mutants.length} cases, init-db refused ${refused} and built ${built}, ${disagreements.length} disagreements`,
  );
  assert.deepEqual(disagreements.slice(0, 5), [], `validate passed configs init-db refuses (replay with FUZZ_SEED=${SEED})`);
  // the mutants must exercise both sides, or the test proves nothing
  assert.ok(refused > cases / 10 && built > cases / 10, `too one-sided: ${refused} refused, ${built} built`);
}

test('validate reports an error for every mutant of the shipped config that init-db refuses', { timeout: 120_000 }, async () => {
  await differential('shipped component_config', readTree(join(ROOT, 'component_config')), CASES);
});

test("validate reports an error for every mutant of EVerest's reference config that init-db refuses", { timeout: 120_000 }, async (t) => {
  if (!existsSync(REFERENCE_CONFIG)) {
    t.skip(`EVerest's reference config is not at ${REFERENCE_CONFIG}: skipped`);
    return;
  }
  await differential('EVerest reference config', readTree(REFERENCE_CONFIG), Math.round(CASES / 2));
});
