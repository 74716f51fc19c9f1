// `npm run bench fleet`: generates 1,000 station configs (27 component files each) in a temp folder
// from the shipped component_config/, varied per station, and times `ocppctl validate --fleet` at 1 and 2
// workers and at 100/300/1,000 stations: files per second and peak RSS of the whole process (workers included);
// then the same for `ocppctl init-db --fleet` (one SQLite database per station).
// STATIONS=… and WORKERS=… narrow the runs; KEEP=1 keeps the generated fleet.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/ocppctl');
const SIZES = (process.env.STATIONS ?? '100,300,1000').split(',').map(Number);
const WORKERS = (process.env.WORKERS ?? '1,2').split(',').map(Number);
const GROUP = 100;
const FILES_PER_STATION = 27;

// deterministic, so two bench runs check the same fleet
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function readBase() {
  const base = [];
  for (const folder of ['standardized', 'custom'])
    for (const name of readdirSync(join(ROOT, 'component_config', folder)).filter((n) => n.endsWith('.json')).sort())
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
        if (type !== 'integer' || valuesList || min === undefined || max === undefined || !/^\d+$/.test(String(a.value ?? '')) || random() < 0.5) continue;
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
    const root = join(top, `g${String(Math.floor(i / GROUP)).padStart(2, '0')}`, `station-${String(i).padStart(4, '0')}`, 'component_config');
    for (const folder of ['standardized', 'custom']) mkdirSync(join(root, folder), { recursive: true });
    for (const f of station(base, i)) {
      writeFileSync(join(root, f.folder, f.name), f.text);
      bytes += f.text.length;
    }
  }
  return bytes;
}

// wall time and peak RSS of one child, from GNU time when present, else from the child's own resourceUsage
function measure(args, cwd) {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime ? ['-f', 'maxrss_kb=%M', process.execPath, ...args] : ['--import', 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss_kb="+process.resourceUsage().maxRSS+"\\n"))', ...args];
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: 'true' } });
  const seconds = (performance.now() - t) / 1000;
  const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { seconds, rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export function benchFleet() {
  if (!existsSync(join(ROOT, 'component_config', 'standardized'))) {
    console.log('fleet bench skipped: no shipped component_config/');
    return;
  }
  const top = mkdtempSync(join(tmpdir(), 'ocppctl-bench-fleet-'));
  const most = Math.max(...SIZES);
  const bytes = generate(join(top, `n${most}`), most);
  console.log(`\nfleet: ${most} stations x ${FILES_PER_STATION} files (${(bytes / most / FILES_PER_STATION / 1024).toFixed(1)} KiB per file on average) in ${top}`);
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

if (import.meta.url === `file://${process.argv[1]}`) benchFleet();
