// Whole-process timing against Node's own start-up. Each round runs `node -e 0` (the floor) and then every case
// once, so a case's cost over the floor is taken within one round and the figure quoted is the median of those
// per-round differences: on a shared machine whose speed drifts by tens of milliseconds between seconds, that
// holds where a difference of two medians does not. Output goes to /dev/null, as in most scripted runs.
import { spawnSync } from 'node:child_process';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * cases: [{ name, args: (round) => string[], ok?: (status) => boolean }]; returns rows with min, median and
 * over (median per-round difference to the floor), floor row first.
 */
export function timeAgainstFloor(cases, { runs = 15, cwd, env = process.env } = {}) {
  const all = [{ name: 'node -e 0 (floor)', args: () => ['-e', '0'] }, ...cases].map((c) => ({ ...c, times: [] }));
  for (let round = -1; round < runs; round++) {
    for (const c of all) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, c.args(round), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (!(c.ok ?? ((s) => s === 0))(r.status)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
      if (round >= 0) c.times.push(ms); // round -1 warms the file-system cache
    }
  }
  const floor = all[0].times;
  return all.map((c, i) => ({
    name: c.name,
    target: c.target,
    min: Math.min(...c.times),
    median: median(c.times),
    over: i === 0 ? undefined : median(c.times.map((t, round) => t - floor[round])),
  }));
}

/** A markdown table of timeAgainstFloor's rows against a target in ms over the floor (a case's own `target` first). */
export function floorTable(rows, targetMs) {
  const lines = ['| command | min ms | median ms | over floor (median per round) | target |', '|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const over = r.over === undefined ? '' : `${r.over >= 0 ? '+' : ''}${r.over.toFixed(1)}`;
    const target = r.target ?? targetMs;
    const verdict = r.over === undefined ? '' : `+${target} ms ${r.over <= target ? 'ok' : 'over'}`;
    lines.push(`| ${r.name} | ${r.min.toFixed(1)} | ${r.median.toFixed(1)} | ${over} | ${verdict} |`);
  }
  return lines.join('\n');
}
