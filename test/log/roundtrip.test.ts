import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { BIN } from '../support/paths.js';
import { writeStationConfig } from '../connect/station-config.js';
import { tmp } from './sessions.js';

const SECRET = 'round-trip-secret-1234';

// A real session on loopback: `ocppctl csms --log-format libocpp` (a child process) writes libocpp's .log from
// the CSMS side while `ocppctl connect --stay` boots a station against it; `log show` and `log check` read it back.
// The 1.6 station is `connect --ocpp 1.6`; the CSMS's get-variables probe is a GetConfiguration there.
for (const version of ['2.0.1', '2.1', '1.6'] as const)
  test(`csms --log-format libocpp records an OCPP ${version} session that log show reads back and log check finds clean`, async () => {
    const dir = tmp();
    const log = join(dir, 'csms.log');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'csms',
        '--port',
        '0',
        '--security-profile',
        '1',
        '--password-env',
        'PW',
        '--ocpp',
        version,
        '--probe',
        'get-variables',
        '--log',
        log,
        '--log-format',
        'libocpp',
      ],
      {
        env: { ...process.env, PW: SECRET, NO_COLOR: '1' },
      },
    );
    let out = '';
    const url = await new Promise<string>((resolve) =>
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (ws:\/\/\S+)/.exec(out);
        if (m && out.includes('Ctrl-C')) resolve(m[1]);
      }),
    );
    const config = writeStationConfig({ url, securityProfile: 1, slotPassword: SECRET, versions: `ocpp${version}` });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const r = await runCli(['connect', '--config', config, '--stay', '1', ...(version === '1.6' ? ['--ocpp', '1.6'] : [])]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`subprotocol ocpp${version.replace(/\./g, '\\.')}`));
    } finally {
      child.kill('SIGINT');
      await exited;
    }

    const text = readFileSync(log, 'utf8');
    assert.match(text, /^\d{4}-\d\d-\d\dT[\d:.]+Z: SYS> Session logging started\. \n/);
    assert.match(text, /: ChargePoint>CentralSystem BootNotification \n\[\n {2}2,/);
    assert.match(text, version === '1.6' ? /"chargePointVendor": "TestVendor"/ : /"vendorName": "TestVendor"/);
    assert.match(text, /: CentralSystem>ChargePoint {2}BootNotificationResponse\n/);
    assert.doesNotMatch(text, new RegExp(SECRET));

    const show = await runCli(['log', 'show', log, '--format', 'json'], { cwd: dir });
    assert.equal(show.code, 0, show.stderr);
    const records = JSON.parse(show.stdout) as {
      from: string;
      messageTypeId: number | null;
      action: string | null;
      latencyMs: number | null;
    }[];
    const bootAnswer = records.find((x) => x.from === 'CentralSystem' && x.messageTypeId === 3 && x.action === 'BootNotification');
    assert.ok(bootAnswer && typeof bootAnswer.latencyMs === 'number' && bootAnswer.latencyMs >= 0);
    const probe = version === '1.6' ? 'GetConfiguration' : 'GetVariables';
    assert.ok(
      records.some((x) => x.from === 'CentralSystem' && x.messageTypeId === 2 && x.action === probe),
      'the probe the CSMS sent',
    );
    assert.ok(
      records.some((x) => x.from === 'ChargePoint' && x.messageTypeId === 3 && x.action === probe),
      "the station's answer, paired",
    );
    assert.deepEqual(
      records.filter((x) => x.from === 'ChargePoint' && x.messageTypeId === 2).map((x) => x.action),
      ['BootNotification', 'Heartbeat', 'StatusNotification', ...(version === '1.6' ? ['StatusNotification'] : [])],
      'one StatusNotification per connector, and connector 0 in 1.6',
    );
    assert.ok(records.some((x) => x.from === 'SYS'));

    const check = await runCli(['log', 'check', log, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(check.stdout);
    assert.deepEqual(
      report.diagnostics.filter((d: { severity: string }) => d.severity !== 'info'),
      [],
      check.stdout,
    );
    assert.equal(check.code, 0);
    const summary = await runCli(['log', 'summary', log, '--json'], { cwd: dir });
    const [s] = JSON.parse(summary.stdout);
    if (version === '1.6') {
      assert.equal(s.version, '1.6');
      assert.equal(s.versionCertainty, 'sure', 'chargePointVendor is 1.6 only');
    } else assert.equal(s.version, '2.0.1', 'a boot-and-probe session holds nothing only 2.1 has: inferred as 2.x, said "likely"');
    assert.equal(s.boot.status, 'Accepted');
  });
