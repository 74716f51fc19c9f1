import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/paths.js';
import { copyConfig } from '../slots/config-copy.js';
import { STATION_IDENTITY, STATION_PASSWORD, legacyBlobCopy, stationCopy } from '../support/port-a-trees.js';

const fits80 = (text: string) => {
  for (const line of text.trimEnd().split('\n')) assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
};

const SECRET = 'slot-three-password-42';

async function threeSlots() {
  const dir = await stationCopy();
  const r = await runCli(
    [
      'add-slot',
      '-c',
      dir,
      '--url',
      'ws://backup.example:9000/ocpp',
      '--security-profile',
      '1',
      '--identity',
      'cs-3',
      '--password-env',
      'PW',
    ],
    {
      env: { PW: SECRET },
    },
  );
  assert.equal(r.code, 0, r.stderr);
  return dir;
}

test('slots lists every slot with its priority position, identity and usability in 80 columns, never a password', async () => {
  const dir = await threeSlots();
  const r = await runCli(['slots', '-c', 'component_config'], { cwd: dirname(dir) });
  assert.equal(r.code, 0, r.stderr);
  fits80(r.stdout);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^SLOT\s+PRIO\s+SP\s+URL\s+IDENTITY\s+PASSWORD\s+USABLE$/);
  assert.match(lines[1], /^1\s+1\s+1\s+ws:\/\/localhost:9000\s+cs-0001\s+yes\s+yes$/);
  assert.match(lines[2], /^2\s+-\s+2\s+-\s+cs-0001\s+yes\s+no$/);
  assert.match(lines[3], /^3\s+2\s+1\s+ws:\/\/backup\.example:9000\/ocpp\s+cs-3\s+yes\s+yes$/);
  assert.deepEqual(lines.slice(4), ['', 'slot 2: OcppCsmsUrl has no value']);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(STATION_PASSWORD));
});

test('slots --wide adds interface, transport, timeout and where identity and password come from, one line per slot', async () => {
  const dir = await threeSlots();
  const r = await runCli(['slots', '-c', dir, '--wide']);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^SLOT\s+PRIO\s+URL\s+SP\s+INTERFACE\s+TRANSPORT\s+TIMEOUT\s+IDENTITY\s+PASSWORD\s+USABLE$/);
  assert.match(lines[1], /^1\s+1\s+ws:\/\/localhost:9000\s+1\s+Wired0\s+JSON\s+30s\s+cs-0001 \(slot\)\s+yes \(slot\)\s+yes$/);
  assert.match(
    lines[2],
    /^2\s+-\s+-\s+2\s+Wired0\s+JSON\s+30s\s+cs-0001 \(SecurityCtrlr\)\s+yes \(SecurityCtrlr\)\s+no: OcppCsmsUrl has no value$/,
  );
  assert.match(lines[3], /^3\s+2\s+ws:\/\/backup\.example:9000\/ocpp\s+1\s+Any\s+JSON\s+30s\s+cs-3 \(slot\)\s+yes \(slot\)\s+yes$/);
  assert.equal(lines.length, 4);
});

// a station whose connection is still in the legacy blob: the project's own, and EVerest's shipped config where ../shared is present
const legacyTrees: [string, () => string, string, { skip?: string }][] = [
  ["the project's legacy-blob tree", legacyBlobCopy, STATION_IDENTITY, {}],
  ["EVerest's shipped config", () => copyConfig('everest-component-config'), 'cp001', needsReference],
];

for (const [name, tree, identity, opts] of legacyTrees)
  test(`on ${name} slots shows slot 1 as libocpp dials it: yes, from the legacy blob`, opts, async () => {
    const dir = tree();
    const r = await runCli(['slots', '-c', dir]);
    fits80(r.stdout);
    assert.match(
      r.stdout.split('\n')[1],
      new RegExp(`^1\\s+1\\s+1\\s+ws://localhost:9000\\s+${identity}\\s+yes\\s+yes, from the legacy blob$`),
    );
    assert.match(
      r.stderr,
      /"from the legacy blob": libocpp fills these slots from InternalCtrlr\.NetworkConnectionProfiles at start-up.*ocppctl migrate/,
    );
    const wide = await runCli(['slots', '-c', dir, '--wide']);
    assert.match(
      wide.stdout.split('\n')[1],
      new RegExp(
        `^1\\s+1\\s+ws://localhost:9000\\s+1\\s+Wired0\\s+JSON\\s+30s\\s+${identity} \\(\\w+\\)\\s+yes \\(\\w+\\)\\s+yes, from the legacy blob$`,
      ),
    );
    // validate counts the same slot as configured: no slot-incomplete finding for slot 1
    const v = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout);
    assert.equal(
      v.diagnostics.filter((d: { ruleId: string; message: string }) => d.ruleId === 'slot-incomplete' && /slot 1\b/.test(d.message)).length,
      0,
    );
  });

const BLOB_PASSWORD = 'blob-password-0123456789';
const LONG_URL = `wss://${'csms-'.repeat(12)}example.com/ocpp/v201`;

/** The repository's own config with slot 1 emptied and a legacy blob that fills it, with a URL too long for 80 columns. */
function blobFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-slots-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  const slot = join(dir, 'standardized/NetworkConfiguration_1.json');
  writeFileSync(slot, readFileSync(slot, 'utf8').replace('"wss://csms.example.com/ocpp"', '""'));
  // a listed slot with a URL would make libocpp clear the blob unread
  const slot2 = join(dir, 'standardized/NetworkConfiguration_2.json');
  writeFileSync(slot2, readFileSync(slot2, 'utf8').replace('"wss://csms-backup.example.com/ocpp"', '""'));
  const internal = join(dir, 'standardized/InternalCtrlr.json');
  const blob = JSON.stringify([
    {
      configurationSlot: 1,
      connectionData: {
        messageTimeout: 45,
        ocppCsmsUrl: LONG_URL,
        ocppInterface: 'Wired0',
        ocppTransport: 'JSON',
        ocppVersion: 'OCPP20',
        securityProfile: 2,
        identity: 'blob-id',
        basicAuthPassword: BLOB_PASSWORD,
      },
    },
  ]);
  const doc = JSON.parse(readFileSync(internal, 'utf8'));
  doc.properties.NetworkConnectionProfiles.attributes[0].value = blob;
  writeFileSync(internal, JSON.stringify(doc, null, 2) + '\n');
  return dir;
}

test('a slot the legacy blob fills reads as libocpp dials it, in 80 columns (the URL shortened) and whole with --wide and --json', async () => {
  const dir = blobFixture();
  const r = await runCli(['slots', '-c', dir]);
  assert.equal(r.code, 0, r.stderr);
  fits80(r.stdout);
  const row = r.stdout.split('\n')[1];
  assert.match(row, /^1\s+1\s+2\s+wss:\/\/csms-csms-\S*…\s+blob-id\s+yes\s+yes, from the legacy blob$/);
  assert.equal(row.length, 80);
  const wide = await runCli(['slots', '-c', dir, '--wide']);
  assert.match(
    wide.stdout.split('\n')[1],
    new RegExp(
      `^1\\s+1\\s+${LONG_URL.replace(/[./]/g, '\\$&')}\\s+2\\s+Wired0\\s+JSON\\s+45s\\s+blob-id \\(slot\\)\\s+yes \\(slot\\)\\s+yes, from the legacy blob$`,
    ),
  );
  const json = JSON.parse((await runCli(['slots', '-c', dir, '--json'])).stdout);
  assert.deepEqual(
    { ...json[0], file: json[0].file.replace(/.*\/component_config\//, '') },
    {
      slot: 1,
      file: 'standardized/NetworkConfiguration_1.json',
      url: LONG_URL,
      securityProfile: 2,
      interface: 'Wired0',
      transport: 'JSON',
      messageTimeout: 45,
      identity: { value: 'blob-id', source: 'slot' },
      password: { set: true, source: 'slot' },
      priority: 1,
      usable: true,
      reason: null,
      fromLegacyBlob: true,
    },
  );
  assert.equal(json[1].fromLegacyBlob, false);
  for (const out of [r, wide]) assert.doesNotMatch(out.stdout + out.stderr, new RegExp(BLOB_PASSWORD));
});

test('without a blob the table still fits 80 columns: long reasons wrap below it', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-slots-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  const r = await runCli(['slots', '-c', dir]);
  fits80(r.stdout);
  assert.match(r.stdout, /^slot 1: security profile 2 needs a password and neither the slot nor\n {2}SecurityCtrlr has one$/m);
  assert.equal(r.stderr, '');
});

test('slots --json gives the same facts for scripts', async () => {
  const dir = await threeSlots();
  const r = await runCli(['slots', '-c', 'component_config', '--json'], { cwd: dirname(dir) });
  const rows = JSON.parse(r.stdout);
  assert.deepEqual(rows[2], {
    slot: 3,
    file: 'component_config/standardized/NetworkConfiguration_3.json',
    url: 'ws://backup.example:9000/ocpp',
    securityProfile: 1,
    interface: 'Any',
    transport: 'JSON',
    messageTimeout: 30,
    identity: { value: 'cs-3', source: 'slot' },
    password: { set: true, source: 'slot' },
    priority: 2,
    usable: true,
    reason: null,
    fromLegacyBlob: false,
  });
  assert.equal(rows[1].usable, false);
  assert.doesNotMatch(r.stdout, new RegExp(SECRET));
});

test('slots hides user:password@ written into a slot URL, in the table and in --json', async () => {
  const dir = await stationCopy();
  const { readFileSync, writeFileSync } = await import('node:fs');
  const file = `${dir}/standardized/NetworkConfiguration_1.json`;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.properties.OcppCsmsUrl.attributes[0].value = 'ws://admin:Url-secret-77@localhost:9000';
  writeFileSync(file, JSON.stringify(json, null, 2));
  for (const args of [
    ['slots', '-c', dir],
    ['slots', '-c', dir, '--json'],
  ]) {
    const r = await runCli(args);
    assert.doesNotMatch(r.stdout + r.stderr, /Url-secret-77/);
    assert.match(r.stdout, /ws:\/\/\*\*\*@localhost:9000/);
  }
});
