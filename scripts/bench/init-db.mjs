// npm run bench init-db: (1) in-process build of EVerest's reference config into a fresh database (load,
// check, plan, write, rename), median of RUNS after a warm-up; target ≤ 15 ms, libocpp's C++ initializer
// takes about 15 ms for the same config on a 2-core machine. (2) The whole `ocppctl init-db` process
// against `node -e 0` measured in the same run, interleaved; target ≤ 60 ms above that floor.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 15);
const CONFIG = join(ROOT, '../shared/reference/everest-component-config');
if (!existsSync(CONFIG)) {
  console.log(`no reference config at ${CONFIG}; skipped`);
  process.exit(0);
}
const { initDb } = await import(join(ROOT, 'dist/src/db/index.js'));
const dir = mkdtempSync(join(tmpdir(), 'ocppctl-bench-init-db-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const inProcess = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const db = join(dir, `in-${i}.db`);
    const start = process.hrtime.bigint();
    const r = await initDb({ config: CONFIG, db });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 'created') throw new Error(`in-process build: ${r.status}`);
    if (i >= 3) inProcess.push(ms);
  }

  const cases = [
    { name: 'node -e 0 (floor)', args: () => ['-e', '0'] },
    { name: 'ocppctl init-db (fresh file)', args: (i) => [join(ROOT, 'bin/ocppctl'), 'init-db', '-c', CONFIG, '--db', join(dir, `p-${i}.db`)] },
    { name: 'ocppctl init-db (update, no change)', args: () => [join(ROOT, 'bin/ocppctl'), 'init-db', '-c', CONFIG, '--db', join(dir, 'in-0.db')] },
  ];
  for (const c of cases) c.times = [];
  for (let i = -1; i < RUNS; i++)
    for (const c of cases) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, c.args(i), { stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
      if (i >= 0) c.times.push(ms);
    }
  const floor = median(cases[0].times);
  const rows = [
    { case: 'in-process build (EVerest config, fresh file)', median: median(inProcess), target: '≤ 15 ms' },
    ...cases.map((c, i) => ({ case: c.name, median: median(c.times), above: i ? median(c.times) - floor : undefined, target: i ? '≤ 60 ms above floor' : '' })),
  ];
  console.log('| case | median ms | above floor ms | target |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.case} | ${r.median.toFixed(1)} | ${r.above === undefined ? '' : r.above.toFixed(1)} | ${r.target} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
