import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { BIN, needsReference } from '../support/paths.js';
import { migratedCopy } from '../slots/config-copy.js';
import { STATION_PASSWORD, stationCopy } from '../support/port-a-trees.js';
import { ptySession, KEY } from './pty-session.js';

const SECRET = 'correct-horse-battery-staple';
const snapshot = (dir: string) =>
  ['standardized', 'custom'].flatMap((f) =>
    readdirSync(join(dir, f))
      .sort()
      .map((n) => `${f}/${n}:${readFileSync(join(dir, f, n), 'utf8')}`),
  );

// the project's station tree always; EVerest's own config (after migrate) too where ../shared is present
const trees: [string, () => Promise<string>, { skip?: string }][] = [
  ["the project's station tree", stationCopy, {}],
  ["EVerest's config", migratedCopy, needsReference],
];

for (const [name, tree, opts] of trees)
  test(`add-slot writes the slot and the priority, and validate stays clean (${name})`, opts, async () => {
    const dir = await tree();
    const r = await runCli(
      [
        'add-slot',
        '-c',
        dir,
        '--url',
        'wss://csms.example.com/ocpp',
        '--security-profile',
        '2',
        '--password-env',
        'PW',
        '--identity',
        'cs-7',
      ],
      {
        env: { PW: SECRET },
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
    const slot = JSON.parse(readFileSync(join(dir, 'standardized/NetworkConfiguration_3.json'), 'utf8'));
    assert.equal(slot.instance, '3');
    assert.equal(slot.properties.BasicAuthPassword.attributes[0].value, SECRET);
    assert.equal(slot.properties.Identity.attributes[0].value, 'cs-7');
    const v = await runCli(['validate', dir, '--format', 'json']);
    assert.equal(JSON.parse(v.stdout).summary.errors, 0, v.stdout);
  });

test('--dry-run prints a unified diff with the password masked and writes nothing', async () => {
  const dir = await stationCopy();
  const before = snapshot(dir);
  const r = await runCli(
    ['add-slot', '-c', dir, '--url', 'wss://csms.example.com', '--security-profile', '2', '--password-env', 'PW', '--dry-run'],
    { env: { PW: SECRET } },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^--- \/dev\/null\n\+\+\+ b\/.*NetworkConfiguration_3\.json/m);
  assert.match(r.stdout, /^-\s+"value": "1"\n\+\s+"value": "1,3"$/m);
  assert.match(r.stdout, /"value": "\(secret, \d+ characters\)"/);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  assert.deepEqual(snapshot(dir), before);
});

test('without a terminal a missing --url or --security-profile is a usage error (exit 2)', async () => {
  const dir = await stationCopy();
  const r = await runCli(['add-slot', '-c', dir, '--security-profile', '1']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'ocppctl: missing --url URL (required when not on a terminal)\n');
  const s = spawnSync(process.execPath, [BIN, 'add-slot', '-c', dir, '--url', 'ws://x.example'], {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  assert.equal(s.status, 2);
  assert.match(s.stderr, /missing --security-profile/);
});

test('a change the rules would reject is refused with the diagnostic, exit 1, nothing written', async () => {
  const dir = await stationCopy();
  const path = join(dir, 'standardized/OCPPCommCtrlr.json');
  // a valuesList one slot short of the schema's 1000-character limit
  const list = `1,2,${'7'.repeat(995)}`;
  assert.equal(list.length, 999);
  writeFileSync(path, readFileSync(path, 'utf8').replace('"valuesList": "1,2"', `"valuesList": "${list}"`));
  const before = snapshot(dir);
  const r = await runCli(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /refused, the change would leave 1 error/);
  assert.match(r.stderr, /OCPPCommCtrlr\.json/);
  assert.deepEqual(snapshot(dir), before);
});

test('profile 1 with no password anywhere is accepted with a note, as validate accepts it (the password arrives at installation)', async () => {
  const dir = await stationCopy();
  const path = join(dir, 'standardized/SecurityCtrlr.json');
  writeFileSync(path, readFileSync(path, 'utf8').replace(`"${STATION_PASSWORD}"`, '""'));
  const r = await runCli(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /note: slot 3 \(security profile 1\) has no password.*ocppctl set-slot 3 --password-env VAR/);
  assert.equal(existsSync(join(dir, 'standardized/NetworkConfiguration_3.json')), true);
  const v = await runCli(['validate', dir, '--format', 'json']);
  const report = JSON.parse(v.stdout);
  assert.equal(report.summary.errors, 0, v.stdout);
  assert.ok(
    report.diagnostics.some((d: { ruleId: string; severity: string }) => d.ruleId === 'slot-password' && d.severity === 'info'),
    v.stdout,
  );
});

test(
  'on a terminal add-slot asks for the profile from a list, checks the URL while typing and masks the password',
  { timeout: 30_000 },
  async (t) => {
    const dir = await stationCopy();
    const s = ptySession(['add-slot', '-c', dir]);
    t.after(() => s.close());
    await s.expect(/Security profile/);
    await s.expect(/mutual TLS/);
    s.write(KEY.down);
    await s.expect(/wss:\/\/ with a CSMS certificate check/);
    s.write(KEY.enter);
    await s.expect(/CSMS URL \(wss:/);
    s.write('ws://csms.example.com');
    await s.expect(/✗ security profile 2 needs a wss:\/\/ URL/);
    s.write(KEY.clearLine);
    s.write('wss://csms.example.com/ocpp');
    await s.expect(/ocpp {2}✓/);
    s.write(KEY.enter);
    await s.expect(/Network interface/);
    s.write(KEY.enter);
    await s.expect(/password \(empty: use SecurityCtrlr\.BasicAuthPassword\)/);
    s.write(SECRET);
    await s.expect(/\*{10}/);
    s.write(KEY.enter);
    assert.equal(await s.exited, 0, s.output());
    assert.doesNotMatch(s.output(), new RegExp(SECRET));
    const slot = JSON.parse(readFileSync(join(dir, 'standardized/NetworkConfiguration_3.json'), 'utf8'));
    assert.equal(slot.properties.SecurityProfile.attributes[0].value, '2', 'values are written as strings (value-style)');
    assert.equal(slot.properties.OcppCsmsUrl.attributes[0].value, 'wss://csms.example.com/ocpp');
    assert.equal(slot.properties.BasicAuthPassword.attributes[0].value, SECRET);
  },
);

test('Ctrl+C at a prompt exits 130 and writes nothing', { timeout: 30_000 }, async (t) => {
  const dir = await stationCopy();
  const before = snapshot(dir);
  const s = ptySession(['add-slot', '-c', dir]);
  t.after(() => s.close());
  await s.expect(/Security profile/);
  s.write('\x03');
  assert.equal(await s.exited, 130, s.output());
  assert.deepEqual(snapshot(dir), before);
});
