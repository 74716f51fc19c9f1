// `npm run bench fleet`: generates 1,000 station configs (27 component files each) in a temp folder
// from the shipped component_config/, varied per station, and times `ocppctl validate --fleet` at 1 and 2
// workers and at 100/300/1,000 stations: files per second and peak RSS of the whole process (workers included);
// then the same for `ocppctl init-db --fleet` (one SQLite database per station).
// Then EVerest-sized stations: EVerest's own component config (../shared/reference, 27 files, ~200 KB a tree,
// 160 findings) copied N times, for `validate --fleet` with --format json and stylish; output goes to a file,
// so writing it is in the figures. STATIONS=… and WORKERS=… narrow the runs; EVEREST_ONLY=1 runs only
// the EVerest-sized part; KEEP=1 keeps the fleets.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
// BENCH_BIN: another build's bin/ocppctl, to compare before and after on the same fleets
const BIN = process.env.BENCH_BIN ?? join(ROOT, 'bin/ocppctl');
const SIZES = (process.env.STATIONS ?? '100,300,1000').split(',').map(Number);
const WORKERS = (process.env.WORKERS ?? '1,2').split(',').map(Number);
const GROUP = 100;
const FILES_PER_STATION = 27;

// deterministic, so two bench runs check the same fleet
function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function readBase() {
  const base = [];
  for (const folder of ['standardized', 'custom'])
    for (const name of readdirSync(join(ROOT, 'component_config', folder))
      .filter((n) => n.endsWith('.json'))
      .sort())
      base.push({ folder, name, json: JSON.parse(readFileSync(join(ROOT, 'component_config', folder, name), 'utf8')) });
  return base;
}

const clone = (v) => structuredClone(v);

// one station: the shipped components, more EVSEs and connectors up to 27 files, values varied per station,
// and about 2% of stations with a defect (a truncated file or a number where a string belongs)
function station(base, i) {
  const random = rng(i + 1);
  const files = base.map((f) => ({ ...f, json: clone(f.json) }));
  const evse = base.find((f) => f.json.name === 'EVSE');
  const connector = base.find((f) => f.json.name === 'Connector');
  for (let k = 2; files.length < FILES_PER_STATION; k++) {
    if (evse && connector && k <= 6 && files.length + 2 <= FILES_PER_STATION) {
      const e = { folder: 'custom', name: `EVSE_${k}.json`, json: clone(evse.json) };
      e.json.evse_id = k;
      files.push(e);
      if (files.length === FILES_PER_STATION) break;
      const c = { folder: 'custom', name: `Connector_${k}_1.json`, json: clone(connector.json) };
      c.json.evse_id = k;
      files.push(c);
    } else {
      const c = { folder: 'custom', name: `Connector_1_${k - 5}.json`, json: clone(connector?.json ?? base[0].json) };
      c.json.connector_id = k - 5;
      files.push(c);
    }
  }
  for (const f of files) {
    // security settings stay as shipped: a random profile is a finding in its own right, not a variation
    if (f.json.name === 'NetworkConfiguration' || f.json.name === 'SecurityCtrlr') continue;
    if (typeof f.json.description === 'string') f.json.description += ` (station ${i})`;
    for (const v of Object.values(f.json.properties ?? {})) {
      const type = v.characteristics?.dataType;
      for (const a of v.attributes ?? []) {
        // only values with both limits given: the others (security profile, phases) have rules of their own
        const { minLimit: min, maxLimit: max, valuesList } = v.characteristics ?? {};
        if (
          type !== 'integer' ||
          valuesList ||
          min === undefined ||
          max === undefined ||
          !/^\d+$/.test(String(a.value ?? '')) ||
          random() < 0.5
        )
          continue;
        a.value = String(Math.floor(min + random() * (max - min + 1)));
      }
    }
  }
  const texts = files.map((f) => ({ ...f, text: JSON.stringify(f.json, null, random() < 0.5 ? 2 : 4) + '\n' }));
  if (random() < 0.02) {
    const broken = texts[Math.floor(random() * texts.length)];
    broken.text = random() < 0.5 ? broken.text.slice(0, broken.text.length >> 1) : broken.text.replace(/"value": "(\d+)"/, '"value": $1');
  }
  return texts;
}

function generate(top, count) {
  const base = readBase();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const root = join(
      top,
      `g${String(Math.floor(i / GROUP)).padStart(2, '0')}`,
      `station-${String(i).padStart(4, '0')}`,
      'component_config',
    );
    for (const folder of ['standardized', 'custom']) mkdirSync(join(root, folder), { recursive: true });
    for (const f of station(base, i)) {
      writeFileSync(join(root, f.folder, f.name), f.text);
      bytes += f.text.length;
    }
  }
  return bytes;
}

// wall time and peak RSS of one child (worker threads included: they share its memory), from GNU time when
// present, else from the child's own resourceUsage; with `outFile`, its standard output goes there
function measure(args, cwd, outFile) {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime
    ? ['-f', 'maxrss_kb=%M', process.execPath, ...args]
    : [
        '--import',
        'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss_kb="+process.resourceUsage().maxRSS+"\\n"))',
        ...args,
      ];
  const t = performance.now();
  const out = outFile === undefined ? 'pipe' : openSync(outFile, 'w');
  const r = spawnSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', out, 'pipe'],
  });
  const seconds = (performance.now() - t) / 1000;
  if (out !== 'pipe') closeSync(out);
  const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { seconds, rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// the run with the median wall time (a shared machine's speed drifts: one lucky run is not the figure)
const middle = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[runs.length >> 1];

const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export function benchFleet() {
  if (!existsSync(join(ROOT, 'component_config', 'standardized'))) {
    console.log('fleet bench skipped: no shipped component_config/');
    return;
  }
  const top = mkdtempSync(join(tmpdir(), 'ocppctl-bench-fleet-'));
  const most = Math.max(...SIZES);
  const bytes = generate(join(top, `n${most}`), most);
  console.log(
    `\nfleet: ${most} stations x ${FILES_PER_STATION} files (${(bytes / most / FILES_PER_STATION / 1024).toFixed(1)} KiB per file on average) in ${top}`,
  );
  const baseline = best([1, 2, 3].map(() => measure(['-e', '0'], top)));
  console.log(`node -e 0: ${(baseline.seconds * 1000).toFixed(0)} ms, ${baseline.rss.toFixed(0)} MB peak RSS`);
  console.log('\n| command | stations | files | workers | wall s | files/s | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const command of ['validate', 'init-db']) {
    for (const size of SIZES) {
      // one fleet folder per size (the first stations of the same generated fleet), for init-db's single --fleet
      const fleet = join(top, `n${size}`);
      if (!existsSync(fleet)) generate(fleet, size);
      for (const workers of WORKERS) {
        const out = join(top, `dbs-${size}-${workers}`);
        const args =
          command === 'validate'
            ? [BIN, 'validate', '--fleet', fleet, '--workers', String(workers), '--format', 'json']
            : [BIN, 'init-db', '--fleet', fleet, '--out', out, '--workers', String(workers), '--format', 'json'];
        const run = best(
          [1, 2].map(() => {
            rmSync(out, { recursive: true, force: true });
            return measure(args, top);
          }),
        );
        if ((run.status !== 0 && run.status !== 1) || !run.stdout.trim()) throw new Error(`${command} exited ${run.status}: ${run.stderr}`);
        const report = JSON.parse(run.stdout);
        const files = command === 'validate' ? report.summary.files : size * FILES_PER_STATION;
        const row = `| ${command} | ${size} | ${files} | ${workers} | ${run.seconds.toFixed(2)} | ${Math.round(files / run.seconds)} | ${run.rss.toFixed(0)} |`;
        console.log(row);
      }
    }
  }
  if (!process.env.KEEP) rmSync(top, { recursive: true, force: true });
}

const EVEREST = join(ROOT, '../shared/reference/everest-component-config');

/** `validate --fleet` on N copies of EVerest's own config: the stations users have, findings and all. */
export function benchEverestFleet() {
  if (!existsSync(join(EVEREST, 'standardized'))) {
    console.log('\nEVerest-sized fleet bench skipped: ../shared/reference/everest-component-config is absent');
    return;
  }
  const top = mkdtempSync(join(tmpdir(), 'ocppctl-bench-everest-'));
  const most = Math.max(...SIZES);
  const copy = (fleet, i) =>
    cpSync(
      EVEREST,
      join(fleet, `g${String(Math.floor(i / GROUP)).padStart(2, '0')}`, `station-${String(i).padStart(4, '0')}`, 'component_config'),
      { recursive: true },
    );
  const files = readdirSync(join(EVEREST, 'standardized')).length + readdirSync(join(EVEREST, 'custom')).length;
  const treeBytes = ['standardized', 'custom']
    .flatMap((f) => readdirSync(join(EVEREST, f)).map((n) => statSync(join(EVEREST, f, n)).size))
    .reduce((a, b) => a + b, 0);
  console.log(
    `\nEVerest-sized fleet: copies of EVerest's component config (${files} files, ${(treeBytes / 1024).toFixed(0)} KiB a station) in ${top}`,
  );
  const baseline = best([1, 2, 3].map(() => measure(['-e', '0'], top)));
  console.log(`node -e 0: ${(baseline.seconds * 1000).toFixed(0)} ms, ${baseline.rss.toFixed(0)} MB peak RSS`);
  console.log(
    '\n| command | format | stations | files | workers | wall s | files/s | peak RSS MB | output MB |\n|---|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const size of SIZES) {
    const fleet = join(top, `n${size}`);
    for (let i = 0; i < size; i++) copy(fleet, i);
    measure(['-e', '0'], top); // a first read of the new copies warms the file-system cache for every run alike
    for (const format of ['json', 'stylish'])
      for (const workers of WORKERS) {
        const outFile = join(top, `out-${size}-${workers}.${format}`);
        const args = [BIN, 'validate', '--fleet', fleet, '--workers', String(workers), '--format', format];
        const run = middle([1, 2, 3].map(() => measure(args, top, outFile)));
        if (run.status !== 0 && run.status !== 1) throw new Error(`validate exited ${run.status}: ${run.stderr}`);
        const checked = format === 'json' ? JSON.parse(readFileSync(outFile, 'utf8')).summary.files : size * files;
        const mb = statSync(outFile).size / 1024 / 1024;
        console.log(
          `| validate --fleet | ${format} | ${size} | ${checked} | ${workers} | ${run.seconds.toFixed(2)} | ${Math.round(checked / run.seconds)} | ${run.rss.toFixed(0)} | ${mb.toFixed(1)} |`,
        );
        rmSync(outFile, { force: true });
      }
    if (!process.env.KEEP) rmSync(fleet, { recursive: true, force: true });
  }
  if (!process.env.KEEP) rmSync(top, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.EVEREST_ONLY !== '1') benchFleet();
  benchEverestFleet();
}
