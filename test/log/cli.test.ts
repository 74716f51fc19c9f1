import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.js';
import { render, SECRET, session16, session201, tmp, writeLog } from './sessions.js';
import type { Step } from './sessions.js';

const noStack = (r: { stdout: string; stderr: string }) => assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .+:\d+:\d+/);

test('log show --format json: one record per frame with the documented shape; answers carry action and latency', async () => {
  const dir = tmp();
  writeLog(dir, 's.log', render(session201, 'log'));
  const r = await runCli(['log', 'show', 's.log', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const records = JSON.parse(r.stdout);
  assert.equal(records.length, session201.length);
  assert.deepEqual(Object.keys(records[2]).sort(), [
    'action',
    'file',
    'from',
    'latencyMs',
    'line',
    'messageId',
    'messageTypeId',
    'payload',
    'time',
  ]);
  assert.deepEqual(
    { ...records[2], payload: undefined },
    {
      file: 's.log',
      line: 18,
      time: '2026-03-01T10:00:00.280Z',
      from: 'CentralSystem',
      messageTypeId: 3,
      messageId: 'b1',
      action: 'BootNotification',
      payload: undefined,
      latencyMs: 80,
    },
  );
});

test('log show never prints a secret: payloads pass through the redaction layer, in every output format', async () => {
  const dir = tmp();
  writeLog(dir, 's.html', render(session201, 'html'));
  for (const format of ['stylish', 'json', 'jsonl']) {
    const r = await runCli(['log', 'show', 's.html', '--format', format, '--verbose'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
    assert.match(r.stdout, /secret, 24 characters/);
  }
});

test('log show filters: --action, --errors, --evse, --since/--until, --transaction (2.x and the 1.6 StartTransaction that assigns it)', async () => {
  const dir = tmp();
  writeLog(dir, 's.log', render(session201, 'log'));
  writeLog(dir, 'v16.log', render(session16, 'log'));
  const ids = async (...args: string[]) => {
    const r = await runCli(['log', 'show', ...args, '--format', 'jsonl'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim()
      ? r.stdout
          .trim()
          .split('\n')
          .map((l) => {
            const x = JSON.parse(l);
            return `${x.messageTypeId}:${x.messageId}`;
          })
      : [];
  };
  assert.deepEqual(await ids('s.log', '--action', 'Heartbeat'), ['2:h1', '3:h1']);
  assert.deepEqual(await ids('s.log', '--transaction', 'tx-1'), ['2:t1', '3:t1', '2:t2', '3:t2']);
  assert.deepEqual(await ids('s.log', '--evse', '1'), ['2:s1', '3:s1', '2:t1', '3:t1']);
  assert.deepEqual(await ids('s.log', '--since', '2026-03-01T10:00:00.410Z', '--until', '2026-03-01T10:00:00.530Z'), [
    '3:g1',
    '2:s1',
    '3:s1',
  ]);
  assert.deepEqual(await ids('v16.log', '--transaction', '42'), ['2:3', '3:3', '2:4', '3:4', '2:6', '3:6']);
  assert.deepEqual(await ids('s.log', '--errors'), []);
  const bad = await runCli(['log', 'show', 's.log', '--since', 'yesterday'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--since needs a time/);
});

test('log show stylish: one line per frame, answers with their latency, the version and how it was found', async () => {
  const dir = tmp();
  writeLog(dir, 's.log', render(session16, 'log'));
  const r = await runCli(['log', 'show', 's.log'], { cwd: dir });
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, session16.length);
  assert.match(lines[2], /CS → CP\s+RESULT BootNotification\s+60 ms/);
  assert.match(r.stderr, /OCPP 1\.6 \(inferred from "chargePoint(Vendor|Model)" in the payloads\)/);
});

test('log check: a clean 2.0.1 session and a clean 1.6 session report nothing, exit 0', async () => {
  const dir = tmp();
  writeLog(dir, 'a.log', render(session201, 'log'));
  writeLog(dir, 'b_raw.html', render(session16, 'raw-html'));
  for (const f of ['a.log', 'b_raw.html']) {
    const r = await runCli(['log', 'check', f, '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout).diagnostics, []);
  }
});

const damaged = (steps: Step[], edit: (s: Step[]) => void) => {
  const copy = structuredClone(steps);
  edit(copy);
  return copy;
};
const findings = async (dir: string, file: string, ...args: string[]) => {
  const r = await runCli(['log', 'check', file, '--format', 'json', ...args], { cwd: dir });
  noStack(r);
  return {
    code: r.code,
    d: JSON.parse(r.stdout).diagnostics as {
      ruleId: string;
      severity: string;
      line: number;
      message: string;
      related?: { line: number }[];
    }[],
  };
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

test('log check: a removed result is an unanswered CALL at its header line, exit 1', async () => {
  const dir = tmp();
  // the Heartbeat's answer removed, and more than MessageTimeout passes before the log ends
  const steps = damaged(session201, (s) =>
    s.splice(
      10,
      1,
      { from: 'ChargePoint', frame: [2, 'h2', 'Heartbeat', {}], ms: 60_000 },
      { from: 'CentralSystem', frame: [3, 'h2', { currentTime: '2026-03-01T10:02:00Z' }] },
    ),
  );
  const text = render(steps, 'log');
  writeLog(dir, 'x.log', text);
  const { code, d } = await findings(dir, 'x.log');
  assert.equal(code, 1);
  const un = d.find((x) => x.ruleId === 'log-unanswered')!;
  assert.equal(un.severity, 'error');
  assert.equal(un.line, lineOf(text, 'ChargePoint>CentralSystem Heartbeat'));
  assert.match(un.message, /ChargePoint's Heartbeat was never answered/);
});

test('log check: an invalid payload is a schema error located at the frame header (2.0.1 and 1.6)', async () => {
  const dir = tmp();
  const steps = damaged(
    session201,
    (s) => ((s[1] as { frame: unknown[] }).frame[3] = { reason: 'PowerUp', chargingStation: { model: 'M'.repeat(30), vendorName: 'V' } }),
  );
  const text = render(steps, 'log');
  writeLog(dir, 'x.log', text);
  const { code, d } = await findings(dir, 'x.log');
  assert.equal(code, 1);
  assert.deepEqual(
    d.map((x) => [x.ruleId, x.line]),
    [['log-schema', lineOf(text, 'BootNotification \n')]],
  );
  assert.match(d[0].message, /BootNotificationRequest: \/chargingStation\/model must NOT have more than 20 characters \(OCPP 2\.0\.1\)/);
  assert.match((d[0] as { hint?: string }).hint ?? '', /OCPP 2\.0\.1 was inferred .*; give --ocpp if the station speaks another version/);
  const given = await findings(dir, 'x.log', '--ocpp', '2.0.1');
  assert.equal((given.d[0] as { hint?: string }).hint, undefined, 'no doubt about a version given');

  const s16 = damaged(
    session16,
    (s) => ((s[3] as { frame: unknown[] }).frame[3] = { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' }),
  );
  writeLog(dir, 'y.html', render(s16, 'html'));
  const r16 = await findings(dir, 'y.html');
  assert.equal(r16.code, 1);
  assert.equal(r16.d[0].ruleId, 'log-schema');
  assert.match(r16.d[0].message, /StatusNotificationRequest: \/status must be one of Available/);
});

test('log check: an inserted CALLERROR is a warning with code and description; a slow answer a warning under --message-timeout', async () => {
  const dir = tmp();
  const steps = damaged(session201, (s) =>
    s.splice(10, 1, { from: 'CentralSystem', frame: [4, 'h1', 'InternalError', 'database down', {}], ms: 3000 }),
  );
  writeLog(dir, 'x.log', render(steps, 'log'));
  const { code, d } = await findings(dir, 'x.log', '--message-timeout', '2');
  assert.equal(code, 0, 'warnings alone exit 0');
  assert.deepEqual(
    d.map((x) => x.ruleId),
    ['log-callerror', 'log-slow-answer'],
  );
  assert.match(d[0].message, /CentralSystem answered Heartbeat with CALLERROR InternalError: database down/);
  const strict = await runCli(['log', 'check', 'x.log', '--max-warnings', '0'], { cwd: dir });
  assert.equal(strict.code, 1);
});

test('log check: a second CALL while one is outstanding; answers to unknown ids; calls after a Pending boot', async () => {
  const dir = tmp();
  const steps: Step[] = [
    { from: 'ChargePoint', frame: [2, '1', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } }] },
    { from: 'CentralSystem', frame: [3, '1', { currentTime: '2026-03-01T10:00:00Z', interval: 10, status: 'Pending' }] },
    { from: 'ChargePoint', frame: [2, '2', 'Heartbeat', {}] },
    { from: 'ChargePoint', frame: [2, '3', 'Heartbeat', {}] },
    { from: 'CentralSystem', frame: [3, '2', { currentTime: '2026-03-01T10:00:00Z' }] },
    { from: 'CentralSystem', frame: [3, '3', { currentTime: '2026-03-01T10:00:00Z' }] },
    { from: 'CentralSystem', frame: [3, 'nobody', {}] },
  ];
  const text = render(steps, 'log');
  writeLog(dir, 'x.log', text);
  const { code, d } = await findings(dir, 'x.log');
  assert.equal(code, 1);
  const rules = d.map((x) => x.ruleId);
  assert.deepEqual(rules, ['log-boot-not-accepted', 'log-boot-not-accepted', 'log-concurrent-call', 'log-unknown-answer']);
  const overlap = d.find((x) => x.ruleId === 'log-concurrent-call')!;
  assert.equal(overlap.related?.[0].line, d[0].line, 'related points at the CALL still waiting');
});

test('log check: a truncated HTML file and a security log: located findings, exit 1, never a stack trace', async () => {
  const dir = tmp();
  const full = render(session201, 'html', undefined, { close: false });
  writeLog(dir, 'cut.html', full.slice(0, full.length - 40));
  writeLog(dir, 'cut.security.log', '{"type":"TamperDetectionActivated","timestamp":"2026-03-01T10:00:00Z"}\nnot json\n');
  const { code, d } = await findings(dir, '.');
  assert.equal(code, 1);
  // the cut row was the last answer: its CALL is still waiting when the log ends (info), and the row is damage
  assert.deepEqual(
    d.map((x) => [x.ruleId, x.severity]),
    [
      ['log-unanswered', 'info'],
      ['log-syntax', 'error'],
      ['log-security-event', 'info'],
      ['log-syntax', 'error'],
    ],
  );
  assert.match(d[1].message, /the table row is cut off \(the file ends inside it\)/);
  assert.equal(d[1].line, full.slice(0, full.lastIndexOf('<tr ')).split('\n').length);
  assert.equal(d[3].line, 2);
  for (const format of ['stylish', 'sarif', 'github']) {
    const r = await runCli(['log', 'check', '.', '--format', format], { cwd: dir });
    assert.equal(r.code, 1);
    noStack(r);
  }
  const gh = await runCli(['log', 'check', '.', '--format', 'github'], { cwd: dir });
  assert.match(gh.stdout, /::error file=cut\.html,line=\d+/);
});

test('log check and show: a missing file or a bad option is exit 2 with a one-line message', async () => {
  const dir = tmp();
  for (const args of [
    ['log', 'check', 'none.log'],
    ['log', 'show', 'none.log'],
    ['log', 'summary', 'none.log'],
    ['log', 'check', '.', '--message-timeout', '0'],
  ]) {
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^ocppctl: /);
    noStack(r);
  }
});

test('log summary: boot, actions with latencies, transactions with energy, CALLERRORs, security events', async () => {
  const dir = tmp();
  const s201 = damaged(session201, (s) =>
    s.push(
      { from: 'ChargePoint', frame: [2, 'e1', 'DataTransfer', { vendorId: 'x' }] },
      { from: 'CentralSystem', frame: [4, 'e1', 'NotSupported', 'no', {}] },
    ),
  );
  writeLog(dir, '2026-03-01T10:00:00.000Z.log', render(s201, 'log'));
  writeLog(dir, '2026-03-01T10:00:00.000Z.security.log', '{"type":"StartupOfTheDevice","timestamp":"2026-03-01T10:00:00Z"}\n');
  writeLog(dir, '2026-03-02T10:00:00.000Z.log', render(session16, 'log', Date.parse('2026-03-02T10:00:00Z')));
  const r = await runCli(['log', 'summary', '.', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const [a, b] = JSON.parse(r.stdout);
  assert.equal(a.version, '2.0.1');
  assert.equal(a.versionCertainty, 'likely');
  assert.deepEqual(a.boot, { status: 'Accepted', time: '2026-03-01T10:00:00.280Z', attempts: 1 });
  assert.deepEqual(a.transactions, [{ id: 'tx-1', evse: 1, start: '2026-03-01T10:01:00Z', stop: '2026-03-01T10:30:00Z', energyWh: 7500 }]);
  assert.equal(a.errors, 1);
  assert.equal(a.callErrors[0].code, 'NotSupported');
  assert.deepEqual(
    a.securityEvents.map((e: { type: string }) => e.type),
    ['StartupOfTheDevice'],
  );
  assert.deepEqual(
    a.actions.find((x: { action: string }) => x.action === 'TransactionEvent'),
    { action: 'TransactionEvent', calls: 2, errors: 0, p50: 40, p99: 50, max: 50 },
  );
  assert.equal(b.version, '1.6');
  assert.equal(b.versionCertainty, 'sure');
  assert.deepEqual(b.transactions, [
    { id: '42', evse: 1, start: '2026-03-01T10:01:00.000Z', stop: '2026-03-01T10:20:00.000Z', energyWh: 5000 },
  ]);
  const text = await runCli(['log', 'summary', '.'], { cwd: dir });
  assert.match(text.stdout, /tx-1 {2}EVSE 1 .* 7\.50 kWh/);
  assert.ok(text.stdout.split('\n').length < 60, 'one screen');
});

test('completion knows log show|check|summary and their options', async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await runCli(['completion', shell]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /show/);
    assert.match(r.stdout, /transaction/);
    assert.match(r.stdout, /message-timeout/);
  }
  const bash = (await runCli(['completion', 'bash'])).stdout;
  // log is a command with subcommands: each has its own options and values
  assert.match(bash, /"log"\) .*'choices:show check summary'/);
  assert.match(bash, /"log show -f"\|"log show --format"\) _ocppctl_values 'choices:stylish json jsonl'/);
  assert.match(bash, /"log check -f"\|"log check --format"\) _ocppctl_values 'choices:stylish json sarif github'/);
});

test('log check of a file that is not a log at all: bounded findings, the rest counted, exit 1', async () => {
  const dir = tmp();
  writeLog(dir, 'junk.log', Array.from({ length: 3000 }, (_, i) => `junk line ${i}`).join('\n'));
  const { code, d } = await findings(dir, 'junk.log');
  assert.equal(code, 1);
  assert.equal(d.length, 1001);
  assert.match(d.at(-1)!.message, /2000 more log-syntax findings in this file from here on, not listed \(the first 1000 are\)/);
});

test('on a terminal a big log shows a progress bar on stderr, cleared at the end; pipes get none', async () => {
  const { run } = await import('../../src/cli/main.js');
  const dir = tmp();
  const one = render(session201.slice(1), 'log');
  writeLog(dir, 'big.log', one.repeat(Math.ceil((9 * 1024 * 1024) / one.length)));
  let stderr = '';
  let stdout = '';
  const code = await run(['log', 'summary', 'big.log'], {
    cwd: dir,
    env: { NO_COLOR: '1' },
    stdoutIsTTY: true,
    interactive: false,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  assert.equal(code, 0);
  assert.match(stderr, /\r\[#* *\] \d+\/9 MB/);
  assert.ok(stderr.endsWith('\r\x1b[K'), 'the bar is cleared before the output');
  assert.match(stdout, /session big/);
  const piped = await runCli(['log', 'summary', 'big.log'], { cwd: dir });
  assert.equal(piped.stderr, '');
});

test('log show masks OCPP 1.6 configuration secrets (AuthorizationKey) and 2.x network-profile passwords, keeping the key names', async () => {
  const dir = tmp();
  const AUTH = 'A1B2C3D4E5F6A7B8C9D0';
  const steps: Step[] = [
    { from: 'CentralSystem', frame: [2, 'c1', 'ChangeConfiguration', { key: 'AuthorizationKey', value: AUTH }] },
    { from: 'ChargePoint', frame: [3, 'c1', { status: 'Accepted' }] },
    { from: 'CentralSystem', frame: [2, 'c2', 'GetConfiguration', {}] },
    {
      from: 'ChargePoint',
      frame: [
        3,
        'c2',
        {
          configurationKey: [
            { key: 'AuthorizationKey', readonly: false, value: AUTH },
            { key: 'HeartbeatInterval', readonly: false, value: '300' },
          ],
        },
      ],
    },
    {
      from: 'CentralSystem',
      frame: [
        2,
        'n1',
        'SetNetworkProfile',
        {
          configurationSlot: 1,
          connectionData: {
            ocppVersion: 'OCPP20',
            ocppTransport: 'JSON',
            ocppCsmsUrl: 'wss://x/',
            messageTimeout: 30,
            securityProfile: 2,
            ocppInterface: 'Wired0',
            basicAuthPassword: SECRET,
          },
        },
      ],
    },
    { from: 'ChargePoint', frame: [3, 'n1', { status: 'Accepted' }] },
  ];
  writeLog(dir, 'c.log', render(steps, 'log'));
  for (const format of ['stylish', 'json']) {
    const r = await runCli(['log', 'show', 'c.log', '--format', format, '--verbose'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, new RegExp(`${AUTH}|${SECRET}`));
    assert.match(r.stdout, /"key":"AuthorizationKey","value":"\(secret, 20 characters\)"/);
    assert.match(r.stdout, /"key":"HeartbeatInterval","readonly":false,"value":"300"/);
  }
});
