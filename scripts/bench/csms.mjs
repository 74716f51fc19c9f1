// npm run bench csms: `ocppctl csms` (library, in a child process so its memory is its own) with 1,000 simulated
// stations on loopback, each booting and then sending heartbeats. Prints messages per second, latency
// percentiles and the CSMS process's peak RSS. Stations are minimal raw `ws` clients, not the project's protocol code.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';

const STATIONS = Number(process.env.STATIONS ?? 1000);
const HEARTBEATS = Number(process.env.HEARTBEATS ?? 10);
const CONNECT_BATCH = 100;

if (process.argv[2] === 'csms') {
  const { startCsms } = await import('../../dist/src/csms/index.js');
  const csms = await startCsms({
    host: '127.0.0.1',
    port: 0,
    securityProfile: 0,
    versions: ['2.0.1'],
    boot: 'accepted',
    heartbeatInterval: 300,
    pendingInterval: 1,
  });
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50).unref();
  process.on('message', (m) => {
    if (m === 'stop') {
      peak = Math.max(peak, process.memoryUsage().rss);
      process.send({ peak });
      void csms.close().then(() => process.exit(0));
    }
  });
  process.send({ url: csms.url });
} else {
  const child = fork(new URL(import.meta.url).pathname, ['csms'], { stdio: 'inherit' });
  const { url } = await new Promise((r) => child.once('message', r));
  const latencies = [];
  let messages = 0;

  function station(i) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url}bench-${i}`, ['ocpp2.0.1'], { perMessageDeflate: false });
      const pending = new Map();
      const call = (action, payload) =>
        new Promise((res) => {
          const id = randomUUID();
          pending.set(id, { res, t: process.hrtime.bigint() });
          ws.send(JSON.stringify([2, id, action, payload]));
        });
      ws.on('message', (d) => {
        const [type, id] = JSON.parse(d.toString());
        const p = pending.get(id);
        if (type !== 3 || !p) return;
        pending.delete(id);
        latencies.push(Number(process.hrtime.bigint() - p.t) / 1e6);
        messages += 2;
        p.res();
      });
      ws.once('error', reject);
      ws.once('open', () => resolve({ ws, call }));
    });
  }

  const started = performance.now();
  const stations = [];
  for (let i = 0; i < STATIONS; i += CONNECT_BATCH)
    stations.push(...(await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, STATIONS - i) }, (_, k) => station(i + k)))));
  const connected = performance.now();
  // boot storm: every station boots at once, then each sends one heartbeat at once: the throughput figure
  await Promise.all(
    stations.map((s) => s.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'Bench', vendorName: 'ocppctl' } })),
  );
  await Promise.all(stations.map((s) => s.call('Heartbeat', {})));
  const burst = performance.now();
  const burstMessages = messages;
  const burstLatencies = latencies.splice(0);
  // steady load: each station sends a heartbeat every second at its own random phase: the latency figure
  await Promise.all(
    stations.map(async (s) => {
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      for (let h = 0; h < HEARTBEATS; h++) {
        const next = new Promise((r) => setTimeout(r, 1000));
        await s.call('Heartbeat', {});
        await next;
      }
    }),
  );
  const done = performance.now();
  child.send('stop');
  const { peak } = await new Promise((r) => child.once('message', r));
  for (const s of stations) s.ws.terminate();

  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  const burstSeconds = (burst - connected) / 1000;
  burstLatencies.sort((a, b) => a - b);
  console.log(`stations               ${STATIONS} (connected in ${((connected - started) / 1000).toFixed(2)} s)`);
  console.log(
    `boot storm             ${burstLatencies.length} calls, ${Math.round(burstMessages / burstSeconds)} messages/s (CALL + CALLRESULT), p99 ${burstLatencies[Math.floor(0.99 * burstLatencies.length)].toFixed(1)} ms`,
  );
  console.log(
    `steady heartbeats      ${latencies.length} calls over ${((done - burst) / 1000).toFixed(1)} s (${STATIONS} stations, 1 per second each)`,
  );
  console.log(`latency ms (steady)    p50 ${pct(50)}  p95 ${pct(95)}  p99 ${pct(99)}  max ${latencies[latencies.length - 1].toFixed(1)}`);
  console.log(`csms peak RSS          ${(peak / 1024 / 1024).toFixed(0)} MB`);
  const ok = Number(pct(99)) <= 50 && peak <= 300 * 1024 * 1024;
  console.log(ok ? 'target met: p99 ≤ 50 ms and ≤ 300 MB' : 'target MISSED: p99 ≤ 50 ms and ≤ 300 MB');
  process.exitCode = ok ? 0 : 1;
}
