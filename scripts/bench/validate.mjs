// npm run bench validate: whole-process wall time of `ocppctl validate` on the shipped config and on EVerest's
// reference config, against `node -e 0` measured in the same run (the floor: Node's own start-up on this
// machine). Runs are interleaved so drift in machine load hits every command alike. Target: median no more
// than 50 ms above the floor.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 15);
const TARGET_MS = 50;
const everest = '../shared/reference/everest-component-config';

const cases = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'], floor: true },
  { name: 'validate component_config', args: ['bin/ocppctl', 'validate', 'component_config'] },
  { name: 'validate component_config --format json', args: ['bin/ocppctl', 'validate', 'component_config', '--format', 'json'] },
];
if (existsSync(ROOT + everest)) cases.push({ name: `validate ${everest}`, args: ['bin/ocppctl', 'validate', everest] });
for (const c of cases) c.times = [];

function once(c) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  return ms;
}

for (const c of cases) once(c); // warm the file-system cache
for (let i = 0; i < RUNS; i++) for (const c of cases) c.times.push(once(c));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const floor = cases.find((c) => c.floor);
const floorMedian = median(floor.times);
const rows = cases.map((c) => {
  const med = median(c.times);
  const over = med - floorMedian;
  return [c.name, Math.min(...c.times).toFixed(1), med.toFixed(1), c.floor ? '' : `${over >= 0 ? '+' : ''}${over.toFixed(1)}`, c.floor ? '' : over <= TARGET_MS ? 'ok' : `over ${TARGET_MS} ms`];
});
const head = ['command', 'min ms', 'median ms', 'over floor', `target +${TARGET_MS} ms`];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
console.log(`${RUNS} runs each, interleaved; Node ${process.version}`);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
