import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { BIN, ROOT, needsReference } from '../support/paths.js';
import { copyConfig } from '../slots/config-copy.js';
import { legacyBlobCopy, removeActual } from '../support/port-a-trees.js';
import { ptySession, KEY } from './pty-session.js';

const SECRET = 'set-slot-password-0123';
const snapshot = (dir: string) =>
  ['standardized', 'custom'].flatMap((f) =>
    readdirSync(join(dir, f))
      .sort()
      .map((n) => `${f}/${n}:${readFileSync(join(dir, f, n), 'utf8')}`),
  );

/** A copy of the config the repository ships: slots 1 and 2 on profile 2, no password anywhere, no legacy blob. */
function shipped(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-set-slot-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  return dir;
}
const slotFile = (dir: string, n: number) => join(dir, 'standardized', `NetworkConfiguration_${n}.json`);
const actual = (dir: string, n: number, name: string) =>
  JSON.parse(readFileSync(slotFile(dir, n), 'utf8')).properties[name].attributes[0].value;

// first: node's test runner sets process.exitCode after a failed test, and commander's help exits with it
test('help and completion know set-slot and its options', async () => {
  const h = await runCli(['help', 'set-slot']);
  assert.equal(h.code, 0, h.stderr + h.stdout);
  assert.match(h.stdout, /Usage: ocppctl set-slot \[options\] <n>/);
  for (const flag of [
    '--url',
    '--security-profile',
    '--password-env',
    '--identity',
    '--interface',
    '--transport',
    '--message-timeout',
    '--dry-run',
  ])
    assert.match(h.stdout, new RegExp(flag));
  assert.match(h.stdout, /ocppctl set-slot 1 --url wss:\/\/new\.example\.com\/ocpp/);
  const c = await runCli(['completion', 'bash']);
  assert.match(c.stdout, /set-slot/);
  assert.match(c.stdout, /--message-timeout/);
  const words = spawnSync(
    'bash',
    [
      '-c',
      'source "$1"; COMP_WORDS=(ocppctl set-slot 1 --tr); COMP_CWORD=3; _ocppctl_completions; printf "%s\\n" "${COMPREPLY[@]}"',
      'bash',
      writeScript(c.stdout),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(words.stdout.trim(), '--transport', words.stderr);
});

test('pointing slot 1 at a new CSMS is one command: only that value changes, and validate stays clean', async () => {
  const dir = shipped();
  const before = readFileSync(slotFile(dir, 1), 'utf8');
  const r = await runCli(['set-slot', '1', '-c', dir, '--url', 'wss://new.example.com/ocpp']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /updated .*NetworkConfiguration_1\.json\nupdated slot 1\n$/);
  assert.equal(readFileSync(slotFile(dir, 1), 'utf8'), before.replace('"wss://csms.example.com/ocpp"', '"wss://new.example.com/ocpp"'));
  const v = await runCli(['validate', dir, '--format', 'json']);
  assert.equal(JSON.parse(v.stdout).summary.errors, 0, v.stdout);
});

test('every flag sets its variable as a JSON string; a variable the slot lacks is added from the template', async () => {
  const dir = shipped();
  // a hand-written slot without Identity and BasicAuthPassword
  const doc = JSON.parse(readFileSync(slotFile(dir, 2), 'utf8'));
  delete doc.properties.Identity;
  delete doc.properties.BasicAuthPassword;
  writeFileSync(slotFile(dir, 2), JSON.stringify(doc, null, 2) + '\n');
  const r = await runCli(
    [
      'set-slot',
      '2',
      '-c',
      dir,
      '--url',
      'wss://backup.example.com:9000/ocpp',
      '--security-profile',
      '2',
      '--password-env',
      'PW',
      '--identity',
      'cs-9',
      '--interface',
      'Wireless0',
      '--transport',
      'JSON',
      '--message-timeout',
      '45',
    ],
    { env: { PW: SECRET } },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  if ((statSync(slotFile(dir, 2)).mode & 0o077) !== 0)
    assert.match(r.stderr, /NetworkConfiguration_2\.json now holds a password and others may read it \(mode \d+\); chmod 600/);
  const values = Object.fromEntries(
    ['OcppCsmsUrl', 'SecurityProfile', 'BasicAuthPassword', 'Identity', 'OcppInterface', 'OcppTransport', 'MessageTimeout'].map((n) => [
      n,
      actual(dir, 2, n),
    ]),
  );
  assert.deepEqual(values, {
    OcppCsmsUrl: 'wss://backup.example.com:9000/ocpp',
    SecurityProfile: '2',
    BasicAuthPassword: SECRET,
    Identity: 'cs-9',
    OcppInterface: 'Wireless0',
    OcppTransport: 'JSON',
    MessageTimeout: '45',
  });
  // the added variables sit indented like their neighbours
  assert.match(readFileSync(slotFile(dir, 2), 'utf8'), /\n {4}"Identity": \{\n {6}"variable_name": "Identity",/);
  const s = await runCli(['slots', '-c', dir, '--json']);
  const row = JSON.parse(s.stdout).find((x: { slot: number }) => x.slot === 2);
  assert.deepEqual([row.usable, row.password, row.identity], [true, { set: true, source: 'slot' }, { value: 'cs-9', source: 'slot' }]);
});

test('--dry-run prints the unified diff with the password masked and writes nothing', async () => {
  const dir = shipped();
  const before = snapshot(dir);
  const r = await runCli(['set-slot', '2', '-c', dir, '--password-env', 'PW', '--message-timeout', '60', '--dry-run'], {
    env: { PW: SECRET },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^--- a\/.*NetworkConfiguration_2\.json\n\+\+\+ b\/.*NetworkConfiguration_2\.json/m);
  assert.match(r.stdout, /^-\s+"value": "30"\n\+\s+"value": "60"$/m);
  assert.match(r.stdout, /^\+\s+"value": "\(secret, 22 characters\)"$/m);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  assert.doesNotMatch(r.stdout, /updated slot/);
  assert.deepEqual(snapshot(dir), before);
});

test('a change the rules would reject is refused with the diagnostic, exit 1, nothing written', async () => {
  const dir = shipped();
  writeFileSync(slotFile(dir, 2), readFileSync(slotFile(dir, 2), 'utf8').replace('"maxLimit": 2000', '"maxLimit": 40'));
  const before = snapshot(dir);
  const r = await runCli(['set-slot', '2', '-c', dir, '--url', 'wss://a-much-longer-host-name.example.com/ocpp']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /refused, the change would leave 1 error\(s\); nothing was written/);
  assert.match(r.stderr, /OcppCsmsUrl has 46 characters; needs at most 40 +value-limits/);
  assert.deepEqual(snapshot(dir), before);
});

test('profile 0 where libocpp skips it is refused (exit 1); a URL that does not fit the profile is a usage error naming the flag', async () => {
  const dir = shipped();
  const before = snapshot(dir);
  const zero = await runCli(['set-slot', '1', '-c', dir, '--security-profile', '0', '--url', 'ws://csms.example.com']);
  assert.equal(zero.code, 1);
  assert.match(zero.stderr, /security profile 0 is refused.*AllowSecurityLevelZeroConnections/);
  const scheme = await runCli(['set-slot', '1', '-c', dir, '--security-profile', '1']);
  assert.equal(scheme.code, 2);
  assert.equal(
    scheme.stderr,
    "ocppctl: security profile 1 needs a ws:// URL (use profile 2 or 3 for wss://); the slot's URL is wss://csms.example.com/ocpp, pass a new one with --url\n",
  );
  const url = await runCli(['set-slot', '1', '-c', dir, '--url', 'ws://csms.example.com']);
  assert.equal(url.code, 2);
  assert.match(url.stderr, /security profile 2 needs a wss:\/\/ URL; the slot's security profile is 2, pass --security-profile too/);
  const timeout = await runCli(['set-slot', '1', '-c', dir, '--message-timeout', 'soon']);
  assert.equal(timeout.code, 2);
  assert.match(timeout.stderr, /message timeout must be a whole number of seconds/);
  assert.deepEqual(snapshot(dir), before);
});

test('a profile 2 slot with no password anywhere is accepted with a note, like validate accepts it', async () => {
  const dir = shipped();
  const r = await runCli(['set-slot', '2', '-c', dir, '--url', 'wss://other.example.com/ocpp']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /no password/, 'the password was not touched, so no note about it');
  const p = await runCli(['set-slot', '2', '-c', dir, '--security-profile', '2', '--url', 'wss://third.example.com/ocpp']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(
    p.stderr,
    /note: slot 2 \(security profile 2\) has no password, neither its own nor SecurityCtrlr\.BasicAuthPassword; .*ocppctl set-slot 2 --password-env VAR/,
  );
});

test('a slot that does not exist is an input error with a hint to add-slot (exit 2)', async () => {
  const dir = shipped();
  const r = await runCli(['set-slot', '7', '-c', dir, '--url', 'wss://x.example.com']);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^ocppctl: there is no slot 7 in .*component_config \(no NetworkConfiguration component with instance "7"\); create it with ocppctl add-slot --slot 7\n$/,
  );
  const bad = await runCli(['set-slot', 'one', '-c', dir, '--url', 'wss://x.example.com']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /the slot must be a whole number ≥ 1, got "one"/);
});

test('without a terminal, set-slot with no change flag is a usage error (exit 2)', async () => {
  const dir = shipped();
  const r = await runCli(['set-slot', '1', '-c', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^ocppctl: set-slot needs at least one of --url, .* \(required when not on a terminal\)\n$/);
  const s = spawnSync(process.execPath, [BIN, 'set-slot', '1', '-c', dir], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  assert.equal(s.status, 2);
  assert.match(s.stderr, /set-slot needs at least one of/);
});

// a station whose connection is still in the legacy blob (slot 1, ws://localhost:9000, profile 1, Wired0) and whose
// slot 2 is an unlisted spare: the project's own, and EVerest's shipped config where ../shared is present
// bareSpare: the tree with slot 2 as EVerest ships it, a component file whose connection variables have no value
const legacyTrees: { name: string; copy: () => string; bareSpare: () => string; opts: { skip?: string } }[] = [
  {
    name: "the project's legacy-blob tree",
    copy: legacyBlobCopy,
    bareSpare: () => {
      const dir = legacyBlobCopy();
      for (const v of ['SecurityProfile', 'OcppInterface', 'OcppTransport', 'MessageTimeout'])
        removeActual(dir, 'NetworkConfiguration_2', v);
      return dir;
    },
    opts: {},
  },
  {
    name: "EVerest's shipped config",
    copy: () => copyConfig('everest-component-config'),
    bareSpare: () => copyConfig('everest-component-config'),
    opts: needsReference,
  },
];

for (const { name, copy, bareSpare, opts } of legacyTrees) {
  test(`on ${name} set-slot 1 migrates the legacy blob first, so slot 1 keeps the rest of its profile`, opts, async () => {
    const dir = copy();
    const dry = await runCli(['set-slot', '1', '-c', dir, '--url', 'ws://new.example.com/ocpp', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^\+\s+"value": ""$/m);
    const r = await runCli(['set-slot', '1', '-c', dir, '--url', 'ws://new.example.com/ocpp']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /note: InternalCtrlr\.NetworkConnectionProfiles is migrated into the slots first/);
    const s = JSON.parse((await runCli(['slots', '-c', dir, '--json'])).stdout)[0];
    assert.deepEqual(
      [s.url, s.securityProfile, s.interface, s.messageTimeout, s.usable, s.fromLegacyBlob],
      ['ws://new.example.com/ocpp', 1, 'Wired0', 30, true, false],
    );
    const internal = JSON.parse(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'));
    assert.equal(internal.properties.NetworkConnectionProfiles.attributes[0].value, '');
    const v = await runCli(['validate', dir, '--format', 'json']);
    assert.equal(JSON.parse(v.stdout).summary.errors, 0, v.stdout);
  });

  test(`an edit the legacy blob does not depend on leaves the blob to libocpp (${name})`, opts, async () => {
    const dir = copy();
    const internal = readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8');
    const r = await runCli(['set-slot', '2', '-c', dir, '--message-timeout', '45']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /migrated/);
    assert.equal(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'), internal);
    assert.equal(actual(dir, 2, 'MessageTimeout'), '45');
  });

  test(
    `the empty slot 2 of ${name} becomes a usable backup with a URL and a profile; the rest is written as add-slot does`,
    opts,
    async () => {
      const dir = bareSpare();
      const v0 = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout);
      const hint = v0.diagnostics.find((d: { ruleId: string }) => d.ruleId === 'slot-count')?.hint;
      assert.equal(
        hint,
        'run ocppctl migrate first, then give slot 2 a backup CSMS endpoint (ocppctl set-slot 2 --url URL --security-profile P) and list it after the first (ocppctl set-priority 1,2)',
      );
      const bare = await runCli(['set-slot', '2', '-c', dir, '--url', 'wss://backup.example.com/ocpp']);
      assert.equal(bare.code, 2);
      assert.match(bare.stderr, /slot 2 has no SecurityProfile.*pass --security-profile 0-3 too/);
      const r = await runCli(['set-slot', '2', '-c', dir, '--url', 'wss://backup.example.com/ocpp', '--security-profile', '2']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stderr,
        /note: slot 2 had no value for OcppInterface, OcppTransport, MessageTimeout; written as add-slot does: OcppInterface Any, OcppTransport JSON, MessageTimeout 30/,
      );
      // slot 2 listed with a URL would make libocpp clear the blob unread, so set-priority waits for migrate
      const early = await runCli(['set-priority', '1,2', '-c', dir]);
      assert.equal(early.code, 1);
      assert.match(early.stderr, /slot 1 is not usable/);
      assert.equal((await runCli(['migrate', '-c', dir])).code, 0);
      const p = await runCli(['set-priority', '1,2', '-c', dir]);
      assert.equal(p.code, 0, p.stderr);
      const rows = JSON.parse((await runCli(['slots', '-c', dir, '--json'])).stdout);
      assert.deepEqual(
        rows.map((x: { usable: boolean }) => x.usable),
        [true, true],
      );
      const v = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout);
      // what may be left is EVerest's Plug&Charge set-up (pnc-secc-certificate), which has nothing to do with slots
      const left = v.diagnostics.filter((d: { severity: string; ruleId: string }) => d.severity !== 'info' && !d.ruleId.startsWith('pnc-'));
      assert.deepEqual(left, []);
      assert.equal(v.summary.errors, 0);
    },
  );
}

function writeScript(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ocppctl-completion-')), 'ocppctl.bash');
  writeFileSync(path, text);
  return path;
}

test(
  'on a terminal set-slot asks with the current values as defaults, checks the URL and masks the password',
  { timeout: 30_000 },
  async (t) => {
    const dir = shipped();
    const s = ptySession(['set-slot', '2', '-c', dir]);
    t.after(() => s.close());
    await s.expect(/Security profile/);
    await s.expect(/TLS \+ basic auth/);
    s.write(KEY.enter); // keeps profile 2, the slot's
    await s.expect(/CSMS URL \(wss:.*\(wss:\/\/csms-backup\.example\.com\/ocpp\)/);
    s.write('ws://x.example.com');
    await s.expect(/✗ security profile 2 needs a wss:\/\/ URL/);
    s.write(KEY.clearLine);
    s.write('wss://new-backup.example.com/ocpp');
    await s.expect(/ocpp {2}✓/);
    s.write(KEY.enter);
    await s.expect(/Network interface/);
    s.write(KEY.enter); // keeps Wired0
    await s.expect(/password \(16 to 64 characters; empty: none yet, it is provided at installation\)/);
    s.write(SECRET);
    await s.expect(/\*{10}/);
    s.write(KEY.enter);
    assert.equal(await s.exited, 0, s.output());
    assert.doesNotMatch(s.output(), new RegExp(SECRET));
    assert.equal(actual(dir, 2, 'OcppCsmsUrl'), 'wss://new-backup.example.com/ocpp');
    assert.equal(actual(dir, 2, 'BasicAuthPassword'), SECRET);
    assert.equal(actual(dir, 2, 'SecurityProfile'), '2', 'the profile kept');
    assert.equal(actual(dir, 2, 'OcppInterface'), 'Wired0');
    assert.equal(existsSync(join(dir, '.ocppctl-lock')), false);
  },
);

/** ocppctl as a real process, started at once, so two of them really run side by side. */
function start(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('two set-slot runs racing on one slot file never lose an edit: both land, or one is refused by the lock', async (t) => {
  const rounds = 8;
  let both = 0;
  for (let round = 0; round < rounds; round++) {
    const dir = shipped();
    const [a, b] = await Promise.all([
      start(['set-slot', '2', '-c', dir, '--url', 'wss://raced.example.com/ocpp']),
      start(['set-slot', '2', '-c', dir, '--message-timeout', '45']),
    ]);
    for (const r of [a, b]) {
      assert.ok(r.code === 0 || r.code === 1, `round ${round}: exit ${r.code}: ${r.stderr}`);
      if (r.code === 1) assert.match(r.stderr, /another ocppctl \(pid \d+\) is changing this tree/, `round ${round}`);
      assert.doesNotMatch(r.stderr, /interrupted|recover/, `round ${round}`);
    }
    if (a.code === 0 && b.code === 0) both++;
    assert.equal(
      actual(dir, 2, 'OcppCsmsUrl'),
      a.code === 0 ? 'wss://raced.example.com/ocpp' : 'wss://csms-backup.example.com/ocpp',
      `round ${round}: URL`,
    );
    assert.equal(actual(dir, 2, 'MessageTimeout'), b.code === 0 ? '45' : '30', `round ${round}: timeout`);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('.')),
      [],
      `round ${round}: lock or journal left behind`,
    );
  }
  t.diagnostic(`set-slot races: ${rounds} rounds, ${both} with both edits written, ${rounds - both} refused by the lock, 0 lost`);
});

test('on a terminal, a URL for a slot with no profile asks only for the profile', { timeout: 30_000 }, async (t) => {
  const dir = shipped();
  const doc = JSON.parse(readFileSync(slotFile(dir, 2), 'utf8'));
  delete doc.properties.SecurityProfile;
  writeFileSync(slotFile(dir, 2), JSON.stringify(doc, null, 2) + '\n');
  const s = ptySession(['set-slot', '2', '-c', dir, '--url', 'wss://asked.example.com/ocpp']);
  t.after(() => s.close());
  await s.expect(/Security profile/);
  s.write(KEY.down);
  await s.expect(/wss:\/\/ with a CSMS certificate check/);
  s.write(KEY.enter);
  assert.equal(await s.exited, 0, s.output());
  assert.doesNotMatch(s.output(), /CSMS URL|password \(/);
  assert.equal(actual(dir, 2, 'SecurityProfile'), '2');
  assert.equal(actual(dir, 2, 'OcppCsmsUrl'), 'wss://asked.example.com/ocpp');
});
