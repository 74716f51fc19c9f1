// npm run bench init-db: (1) in-process build of EVerest's reference config into a fresh database (load,
// check, plan, write, rename), median of RUNS after a warm-up; target ≤ 15 ms, libocpp's C++ initializer
// takes about 15 ms for the same config on a 2-core machine. (2) The whole `ocppctl init-db` process
// against `node -e 0` measured in the same run, interleaved; target ≤ 60 ms above that floor.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floorTable, median, timeAgainstFloor } from './lib/whole-process.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 20);
const CONFIG = join(ROOT, '../shared/reference/everest-component-config');
if (!existsSync(CONFIG)) {
  console.log(`no reference config at ${CONFIG}; skipped`);
  process.exit(0);
}
const { initDb } = await import(join(ROOT, 'dist/src/db/index.js'));
const dir = mkdtempSync(join(tmpdir(), 'ocppctl-bench-init-db-'));

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

  const rows = timeAgainstFloor(
    [
      {
        name: 'ocppctl init-db (fresh file)',
        args: (i) => [join(ROOT, 'bin/ocppctl'), 'init-db', '-c', CONFIG, '--db', join(dir, `p-${i}.db`)],
      },
      {
        name: 'ocppctl init-db (update, no change)',
        args: () => [join(ROOT, 'bin/ocppctl'), 'init-db', '-c', CONFIG, '--db', join(dir, 'in-0.db')],
      },
    ],
    { runs: RUNS },
  );
  console.log(`in-process build (EVerest config, fresh file): median ${median(inProcess).toFixed(1)} ms (target ≤ 15 ms)\n`);
  console.log(floorTable(rows, 60));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
