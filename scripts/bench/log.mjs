// npm run bench log: `ocppctl log check` on a generated 100 MB libocpp .log (an OCPP 2.0.1 station booting,
// then heartbeats, status notifications and transactions with meter values, every CALL answered). The whole CLI
// runs in a child process; reported: MB/s over the wall time and the child's peak RSS (its own maxRSS).
// Targets: at least 50 MB/s, at most 150 MB. LOG_MB=<n> changes the size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { LibocppLogWriter } = await import('../../dist/src/log/index.js');
const MB = Number(process.env.LOG_MB ?? 100);
const RUNS = Number(process.env.RUNS ?? 3);

const dir = mkdtempSync(join(tmpdir(), 'ocppctl-bench-log-'));
const file = join(dir, 'libocpp_201.log');
const fd = openSync(file, 'w');
const w = new LibocppLogWriter('log');
let t = Date.parse('2026-03-01T10:00:00.000Z');
let id = 0;
let size = 0;
let chunk = '';
const put = (s) => {
  chunk += s;
  if (chunk.length > 1 << 20) {
    size += writeSync(fd, chunk);
    chunk = '';
  }
};
const at = (ms) => new Date((t += ms));
const pair = (from, action, payload, answer) => {
  const m = String(++id);
  put(w.frame(from, [2, m, action, payload], at(500)));
  put(w.frame(from === 'ChargePoint' ? 'CentralSystem' : 'ChargePoint', [3, m, answer], at(40)));
};
put(w.sys('Session logging started.', at(0)));
pair(
  'ChargePoint',
  'BootNotification',
  { reason: 'PowerUp', chargingStation: { model: 'Bench', vendorName: 'ocppctl', serialNumber: 'B-1', firmwareVersion: '1.0' } },
  { currentTime: new Date(t).toISOString(), interval: 300, status: 'Accepted' },
);
for (let tx = 1; size < MB * 1024 * 1024; tx++) {
  const ts = () => new Date(t).toISOString();
  pair('ChargePoint', 'StatusNotification', { timestamp: ts(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }, {});
  pair(
    'ChargePoint',
    'TransactionEvent',
    {
      eventType: 'Started',
      timestamp: ts(),
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { transactionId: `tx-${tx}`, chargingState: 'Charging' },
      evse: { id: 1, connectorId: 1 },
      idToken: { idToken: 'TAG1', type: 'ISO14443' },
      meterValue: [
        {
          timestamp: ts(),
          sampledValue: [{ value: tx * 1000, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
        },
      ],
    },
    { idTokenInfo: { status: 'Accepted' } },
  );
  for (let k = 1; k <= 8; k++) {
    pair(
      'ChargePoint',
      'TransactionEvent',
      {
        eventType: 'Updated',
        timestamp: ts(),
        triggerReason: 'MeterValuePeriodic',
        seqNo: k,
        transactionInfo: { transactionId: `tx-${tx}` },
        meterValue: [
          {
            timestamp: ts(),
            sampledValue: [
              { value: tx * 1000 + k * 100, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
              { value: 11000, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
            ],
          },
        ],
      },
      {},
    );
    pair('ChargePoint', 'Heartbeat', {}, { currentTime: ts() });
  }
  pair(
    'ChargePoint',
    'TransactionEvent',
    {
      eventType: 'Ended',
      timestamp: ts(),
      triggerReason: 'EVDeparted',
      seqNo: 9,
      transactionInfo: { transactionId: `tx-${tx}`, stoppedReason: 'EVDisconnected' },
      meterValue: [
        {
          timestamp: ts(),
          sampledValue: [{ value: tx * 1000 + 900, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
        },
      ],
    },
    {},
  );
  pair(
    'CentralSystem',
    'GetVariables',
    { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
    {
      getVariableResult: [
        {
          attributeStatus: 'Accepted',
          attributeValue: '300',
          component: { name: 'OCPPCommCtrlr' },
          variable: { name: 'HeartbeatInterval' },
        },
      ],
    },
  );
}
size += writeSync(fd, chunk);
closeSync(fd);
const bytes = statSync(file).size;

// the child reports its own peak RSS as it exits
const hook =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("MAXRSS "+u.maxRSS+" CPU "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';
const rows = [];
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', hook, join(ROOT, 'bin/ocppctl'), 'log', 'check', file, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`log check exited ${r.status}: ${r.stderr.slice(0, 2000)} ${r.stdout.slice(0, 2000)}`);
  const findings = JSON.parse(r.stdout).diagnostics.length;
  const [, rssKb, cpuUs] = /MAXRSS (\d+) CPU (\d+)/.exec(r.stderr) ?? [];
  rows.push({ s, rssMb: Number(rssKb) / 1024, cpuS: Number(cpuUs) / 1e6, findings });
}
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(file);
const best = rows.reduce((a, b) => (a.s <= b.s ? a : b));
const mbs = bytes / 1048576 / best.s;
const peak = Math.max(...rows.map((r) => r.rssMb));
console.log(`log of ${(bytes / 1048576).toFixed(1)} MB, ${id} CALLs; ${RUNS} runs; Node ${process.version}\n`);
// MB per CPU second (user + system, all threads) tells what the wall figure would be on an idle core
const cpuMbs = bytes / 1048576 / Math.min(...rows.map((r) => r.cpuS));
console.log(
  `load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores\n`,
);
console.log('| command | best s | MB/s (wall) | MB per CPU s | peak RSS MB | findings | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
console.log(
  `| log check (json) | ${best.s.toFixed(2)} | ${mbs.toFixed(1)} | ${cpuMbs.toFixed(1)} | ${peak.toFixed(0)} | ${best.findings} | ≥ 50 MB/s ${mbs >= 50 ? 'ok' : 'under'}, ≤ 150 MB ${peak <= 150 ? 'ok' : 'over'} |`,
);
