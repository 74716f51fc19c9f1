import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { PLANTED, PLANTED_VALUES, plantedBlob, plantedTree } from './planted-tree.js';

// The secrets sweep: every command that reads a config tree or a database, in every output format, with
// --dry-run, --diff, --plan and explain, on trees whose slots, SecurityCtrlr, WriteOnly custom variable and
// legacy blob hold recognisable passwords. A password must not appear in stdout or stderr in any form: as
// written, JSON-escaped once (a file) or twice (the blob), or as its first 12 characters (a shortened value).

const ENV_PASSWORD = PLANTED.env;
const ODD = { number: Number(PLANTED.number), defaultPw: PLANTED.defaultPw };

function forms(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    const once = JSON.stringify(s).slice(1, -1);
    out.add(s).add(once).add(JSON.stringify(once).slice(1, -1));
    if (s.length >= 16) out.add(s.slice(0, 12));
  }
  return [...out];
}

const ALL = forms(PLANTED_VALUES);

function assertClean(label: string, output: string) {
  const found = ALL.filter((f) => output.includes(f));
  assert.deepEqual(
    found,
    [],
    `${label} printed ${found.length} secret form(s): ${found.map((f) => `${f.slice(0, 3)}… (${f.length})`).join(', ')}`,
  );
}

const file = (dir: string, name: string) => join(dir, 'standardized', name);
function edit(path: string, change: (doc: { properties: Record<string, any> }) => void) {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  change(doc);
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}

/** The blob targets slot 1, whose URL is empty, so migrate really migrates and overwrites slot 1's password. */
function migratingTree(): string {
  const dir = plantedTree();
  for (const n of [1, 2]) edit(file(dir, `NetworkConfiguration_${n}.json`), (d) => (d.properties.OcppCsmsUrl.attributes[0].value = ''));
  edit(file(dir, 'InternalCtrlr.json'), (d) => (d.properties.NetworkConnectionProfiles.attributes[0].value = plantedBlob(1)));
  return dir;
}

/** Passwords as numbers and as defaults instead of attribute values. */
function oddTree(): string {
  const dir = plantedTree();
  edit(file(dir, 'SecurityCtrlr.json'), (d) => (d.properties.BasicAuthPassword.attributes[0].value = ODD.number));
  edit(file(dir, 'NetworkConfiguration_1.json'), (d) => {
    delete d.properties.BasicAuthPassword.attributes[0].value;
    d.properties.BasicAuthPassword.default = ODD.defaultPw;
  });
  return dir;
}

/** Damaged files around the secrets: a syntax error after a password, a malformed blob, an over-long key. */
function brokenTree(): string {
  const dir = plantedTree();
  edit(
    file(dir, 'NetworkConfiguration_2.json'),
    (d) => (d.properties.VpnKey.attributes[0].value = `${PLANTED.vpnKey}\u0001${'x'.repeat(300)}`),
  );
  edit(file(dir, 'InternalCtrlr.json'), (d) => (d.properties.NetworkConnectionProfiles.attributes[0].value = plantedBlob(3).slice(0, -40)));
  const security = file(dir, 'SecurityCtrlr.json');
  writeFileSync(security, readFileSync(security, 'utf8').replace(`"${PLANTED.security}"`, `"${PLANTED.security}",,`));
  return dir;
}

/** The same tree with every secret changed, for plans and diffs against a database that holds the old ones. */
function changedCopy(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ocppctl-secrets-changed-'));
  cpSync(dir, copy, { recursive: true });
  for (const name of ['SecurityCtrlr.json', 'NetworkConfiguration_1.json', 'NetworkConfiguration_2.json', 'InternalCtrlr.json']) {
    let text = readFileSync(file(copy, name), 'utf8');
    // same length, other text: a plan must still say the value changes
    for (const s of PLANTED_VALUES.filter((v) => v !== PLANTED.number))
      text = text.split(JSON.stringify(s).slice(1, -1)).join(JSON.stringify(s.replace(/\d{4}/, '0000')).slice(1, -1));
    writeFileSync(file(copy, name), text);
  }
  return copy;
}

const EXPLAIN = [
  'NetworkConfiguration.BasicAuthPassword',
  'SecurityCtrlr.BasicAuthPassword',
  'NetworkConfiguration.VpnKey',
  'NetworkConfiguration.VpnPassword',
  'NetworkConfiguration.ApnPassword',
  'InternalCtrlr.NetworkConnectionProfiles',
  'InternalCtrlr.UpstreamToken',
  'NetworkConfiguration',
  'InternalCtrlr',
  'BasicAuthPassword',
];

function readingRuns(dir: string): string[][] {
  const runs: string[][] = [];
  for (const format of ['stylish', 'json', 'sarif', 'github'])
    for (const target of ['libocpp', 'spec-2.0.1', 'spec-2.1']) runs.push(['validate', dir, '--format', format, '--target', target]);
  runs.push(['validate', dir, '--rule', 'password-length', '--rule', 'legacy-blob', '--rule', 'value-limits']);
  runs.push(['slots', '-c', dir], ['slots', '-c', dir, '--json']);
  for (const name of EXPLAIN) runs.push(['explain', name, '-c', dir]);
  runs.push([
    'add-slot',
    '-c',
    dir,
    '--url',
    'ws://127.0.0.1:9/ocpp',
    '--security-profile',
    '1',
    '--password-env',
    'PW',
    '--priority',
    'none',
    '--dry-run',
  ]);
  runs.push(
    ['set-slot', '1', '-c', dir, '--url', 'ws://127.0.0.1:9/ocpp', '--password-env', 'PW', '--dry-run'],
    ['set-slot', '2', '-c', dir, '--message-timeout', '45', '--dry-run'],
  );
  runs.push(
    ['set-slot', '1', '-c', dir, '--security-profile', '3', '--dry-run'],
    ['set-slot', '1', '-c', dir, '--security-profile', '0', '--dry-run'],
  );
  runs.push(
    ['remove-slot', '1', '-c', dir, '--dry-run', '--force'],
    ['remove-slot', '2', '-c', dir, '--dry-run', '--force'],
    ['remove-slot', '2', '-c', dir, '--dry-run'],
  );
  runs.push(['set-priority', '2,1', '-c', dir, '--dry-run', '--force']);
  runs.push(['migrate', '-c', dir, '--dry-run'], ['migrate', '-c', dir, '--dry-run', '--diff']);
  return runs;
}

/** A minimal valid OCPP 1.6 config whose AuthorizationKey is a planted password, for migrate --from-16. */
function legacy16Config(): { config: string; badUser: string } {
  const work = mkdtempSync(join(tmpdir(), 'ocppctl-secrets-16-'));
  const core = {
    AuthorizeRemoteTxRequests: false,
    ClockAlignedDataInterval: 900,
    ConnectionTimeOut: 30,
    ConnectorPhaseRotation: '0.RST',
    GetConfigurationMaxKeys: 100,
    HeartbeatInterval: 86400,
    LocalAuthorizeOffline: false,
    LocalPreAuthorize: false,
    MeterValuesAlignedData: 'Energy.Active.Import.Register',
    MeterValuesSampledData: 'Energy.Active.Import.Register',
    MeterValueSampleInterval: 60,
    NumberOfConnectors: 1,
    ResetRetries: 1,
    StopTransactionOnInvalidId: true,
    StopTxnAlignedData: 'Energy.Active.Import.Register',
    StopTxnSampledData: 'Energy.Active.Import.Register',
    SupportedFeatureProfiles: 'Core',
    TransactionMessageAttempts: 1,
    TransactionMessageRetryInterval: 10,
    UnlockConnectorOnEVSideDisconnect: true,
  };
  const internal = {
    ChargePointId: 'cp001',
    CentralSystemURI: '127.0.0.1:8180/ocpp/',
    ChargeBoxSerialNumber: 'cp001',
    ChargePointModel: 'M',
    ChargePointVendor: 'V',
    FirmwareVersion: '1',
  };
  const config = join(work, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({ Internal: internal, Core: core, Security: { SecurityProfile: 1, AuthorizationKey: PLANTED.security } }, null, 2),
  );
  // a wrong type next to the key, and the key itself of a wrong type: the errors must not quote it
  const badUser = join(work, 'user_config.json');
  writeFileSync(badUser, JSON.stringify({ Core: { HeartbeatInterval: PLANTED.slot1 }, Security: { AuthorizationKey: ODD.number } }));
  return { config, badUser };
}

async function sweep(label: string, dir: string) {
  let count = 0;
  const run = async (args: string[]) => {
    const r = await runCli(args, { env: { PW: ENV_PASSWORD } });
    assertClean(`${label}: ocppctl ${args.join(' ').split(dir).join('DIR')}`, r.stdout + r.stderr);
    if (process.env.SWEEP_DEBUG) console.log(`== ${r.code} ${args.join(' ').split(dir).join('DIR')}\n${r.stdout}${r.stderr}`);
    count++;
    return r;
  };
  for (const args of readingRuns(dir)) await run(args);
  const v16 = legacy16Config();
  await run(['migrate', '--from-16', v16.config, '-c', dir, '--dry-run']);
  await run(['migrate', '--from-16', v16.config, '-c', dir, '--dry-run', '--diff']);
  await run(['migrate', '--from-16', v16.config, '--user-config', v16.badUser, '-c', dir, '--dry-run']);
  await run(['migrate', '--from-16', v16.config, '--slot', '9', '-c', dir, '--dry-run']);
  const db = join(mkdtempSync(join(tmpdir(), 'ocppctl-secrets-db-')), 'device_model_storage.db');
  for (const format of ['stylish', 'json']) await run(['init-db', '-c', dir, '--db', db, '--plan', '--format', format]);
  await run(['init-db', '-c', dir, '--db', db, '--format', 'json']);
  await run(['init-db', '-c', dir, '--db', db, '--strict']);
  const changed = changedCopy(dir);
  for (const format of ['stylish', 'json']) await run(['init-db', '-c', changed, '--db', db, '--plan', '--format', format]);
  await run(['migrate', '--db', db, '--dry-run']);
  await run(['db', 'export', '--db', db, '--out', join(mkdtempSync(join(tmpdir(), 'ocppctl-secrets-export-')), 'out')]);
  await run(['db', 'export', '--db', db, '--out', join(mkdtempSync(join(tmpdir(), 'ocppctl-secrets-export-')), 'out'), '--like', dir]);
  for (const format of ['stylish', 'json']) await run(['db', 'diff', '--db', db, '--config', changed, '--format', format]);
  await run(['init-db', '-c', changed, '--db', db]);
  await run(['migrate', '--db', db]);
  await run(['db', 'diff', '--db', db, '--config', dir]);
  for (const json of [[], ['--json']]) await run(['pnc', '-c', dir, '--db', db, ...json]);
  await run(['migrate', '--from-16', v16.config, '--db', db, '--dry-run']);
  await run(['migrate', '--from-16', v16.config, '--db', db]);
  await run(['recover', '-c', dir]);
  // the writing commands themselves
  await run(['migrate', '-c', dir]);
  await run(['migrate', '--from-16', v16.config, '-c', dir]);
  await run(['remove-slot', '2', '-c', dir, '--force']);
  return count;
}

for (const [label, make] of [
  ['planted', () => plantedTree()],
  ['migrating', migratingTree],
  ['odd', oddTree],
  ['broken', brokenTree],
] as const) {
  test(`the ${label} tree: no command, format or mode prints a password`, async () => {
    const runs = await sweep(label, make());
    console.log(`secrets sweep (${label}): ${runs} runs, ${ALL.length} secret forms`);
  });
}

test('the sweep can fail: a plain dump of the planted tree is caught', () => {
  const dir = plantedTree();
  assert.throws(() => assertClean('cat', readFileSync(file(dir, 'NetworkConfiguration_2.json'), 'utf8')));
  assert.throws(() => assertClean('cat', readFileSync(file(dir, 'InternalCtrlr.json'), 'utf8')));
});

test('a masked value still says what it is: its length, and "changed" when only the text changed', async () => {
  const dir = migratingTree();
  const diff = await runCli(['migrate', '-c', dir, '--dry-run', '--diff']);
  // slot 1's old password on the removed line, the blob's on the added one; the cleared blob keeps its shape
  assert.match(diff.stdout, /^-\s+"value": "\(secret, 24 characters\)"\n\+\s+"value": "\(secret, 26 characters\)"$/m);
  assert.match(
    diff.stdout,
    /^-\s+"value": "\[\{\\"configurationSlot\\":1,.*\\"basicAuthPassword\\":\\"\(secret, 26 characters\)\\".*\\"vpn\\":\{\\"server\\":\\"vpn.example\\"/m,
  );
  const removed = await runCli(['remove-slot', '2', '-c', plantedTree(), '--dry-run', '--force']);
  assert.match(removed.stdout, /^-\s+"value": "\(secret, 25 characters\)"$/m, 'the removed slot 2 password shows its length');
  const db = join(mkdtempSync(join(tmpdir(), 'ocppctl-secrets-db-')), 'x.db');
  const tree = plantedTree();
  assert.equal((await runCli(['init-db', '-c', tree, '--db', db])).code, 0);
  const plan = await runCli(['init-db', '-c', changedCopy(tree), '--db', db, '--plan']);
  assert.match(
    plan.stdout,
    /~ variable BasicAuthPassword\n\s+~ Actual value \(secret, 24 characters\) → \(secret, 24 characters, changed\)/,
  );
  assert.match(plan.stdout, /~ variable NetworkConnectionProfiles\n\s+~ Actual value .*\(only secret fields change\)/);
  const json = JSON.parse((await runCli(['init-db', '-c', changedCopy(tree), '--db', db, '--plan', '--format', 'json'])).stdout);
  assert.ok(
    json.changes.some(
      (c: { variable?: string; to?: string }) => c.variable === 'UpstreamToken' && c.to === '(secret, 27 characters, changed)',
    ),
  );
});
