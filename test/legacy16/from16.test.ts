import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { needsReference, REFERENCE, ROOT } from '../support/paths.js';
import { runCli } from '../support/cli.js';
import { shippedCopy } from '../support/port-b-trees.js';
import { effectiveValue, findComponent, findVariable, loadConfigTree } from '../../src/model/index.js';
import { readLegacyConfig, valueMapping, maxLimitMapping } from '../../src/legacy16/index.js';

const V16 = join(REFERENCE, 'everest/lib/everest/ocpp/config/v16');
const CONFIGS = ['config.json', 'config-docker.json', 'config-docker-tls.json', 'config-full.json'];
const SECRETS = ['AABBCCDDEEFFGGHH', 'DEADBEEFDEADBEEF'];

function copyTree(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-from16-')), 'component_config');
  cpSync(join(REFERENCE, 'everest-component-config'), dir, { recursive: true });
  return dir;
}

// What runs without ../shared: the project's shipped config as the target, and a small OCPP 1.6 config of the
// project's own (the keys libocpp's 1.6 profile schemas require, with values of its own) as the source.
const OWN_SECRETS = ['0123456789ABCDEF'];
const shippedTree = () => shippedCopy();
function own16(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ocppctl-16-')), 'config.json');
  const config = {
    Internal: {
      ChargePointId: 'cs-0001',
      CentralSystemURI: 'csms.example.com/ocpp/',
      ChargeBoxSerialNumber: 'SN-0001',
      ChargePointModel: 'Model-1',
      ChargePointVendor: 'Example',
      FirmwareVersion: '1.0',
      LogMessagesFormat: ['html', 'security'],
    },
    Core: {
      AuthorizeRemoteTxRequests: false,
      ClockAlignedDataInterval: 900,
      ConnectionTimeOut: 30,
      ConnectorPhaseRotation: '0.RST,1.RST',
      GetConfigurationMaxKeys: 100,
      HeartbeatInterval: 900,
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
      SupportedFeatureProfiles: 'Core,FirmwareManagement,RemoteTrigger,SmartCharging',
      TransactionMessageAttempts: 3,
      TransactionMessageRetryInterval: 10,
      UnlockConnectorOnEVSideDisconnect: true,
      WebSocketPingInterval: 10,
    },
    Security: { AuthorizationKey: OWN_SECRETS[0], SecurityProfile: 1 },
    Custom: { ExampleConfigurationKey: 'example' },
  };
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  return file;
}

/**
 * The shipped config with no OcppInterface value in slot 1, as in EVerest's config. With a value there, the file
 * migration keeps it (with a warning) while the --db migration writes "Any" (and says so): a database records a
 * value from the component config the same way whether the file gave it as the value or as a default.
 */
function shippedWithoutInterface(): string {
  const dir = shippedCopy();
  const file = join(dir, 'standardized/NetworkConfiguration_1.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  delete json.properties.OcppInterface.attributes[0].value;
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  return dir;
}

/** Adds a variable to a component file of a tree (a target the shipped config does not have). */
function addVariable(dir: string, component: string, variable: string, dataType: string): void {
  const file = join(dir, 'standardized', `${component}.json`);
  const json = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { name: component, properties: {} };
  json.properties[variable] = {
    variable_name: variable,
    characteristics: { dataType, supportsMonitoring: false },
    attributes: [{ type: 'Actual', mutability: 'ReadWrite' }],
  };
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
}

/** Every file of a tree, by relative path, to prove that nothing changed. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const sub of readdirSync(dir, { withFileTypes: true })) {
    if (sub.isDirectory())
      for (const f of readdirSync(join(dir, sub.name))) out.set(`${sub.name}/${f}`, readFileSync(join(dir, sub.name, f), 'utf8'));
    else out.set(sub.name, readFileSync(join(dir, sub.name), 'utf8'));
  }
  return out;
}

/** The rows of v16_to_v2_mapping.md: key, component (with [instance]), variable, target field. */
function mappingTable(): { key: string; component: string; variable: string; field: string }[] {
  const text = readFileSync(join(REFERENCE, 'everest/lib/everest/ocpp/config/v16_to_v2_mapping.md'), 'utf8');
  const rows: { key: string; component: string; variable: string; field: string }[] = [];
  for (const m of text.matchAll(/^\| *\d+ *\| *`([^`]+)` *\| *\w+ *\| *`([^`]+)` *\| *`([^`]+)` *\| *`([^`]+)` *\|$/gm))
    rows.push({ key: m[1], component: m[2], variable: m[3], field: m[4] });
  return rows;
}

// where the code (known_keys.hpp) and the mapping table disagree, the code decides; these are the known differences
const CODE_WINS: Record<string, [string, string, string?]> = {
  ConnectorPhaseRotation: ['OCPP16LegacyCtrlr', 'ConnectorPhaseRotation'],
  TransactionMessageAttempts: ['OCPPCommCtrlr', 'MessageAttempts', 'TransactionEvent'],
  TransactionMessageRetryInterval: ['OCPPCommCtrlr', 'MessageAttemptInterval', 'TransactionEvent'],
  TimeOffsetNextTransition: ['ClockCtrlr', 'TimeOffset', 'NextTransition'],
  MaxChargingProfilesInstalled: ['SmartChargingCtrlr', 'Entries', 'ChargingProfiles'],
};

const tokens = (s: string) =>
  s
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

for (const name of CONFIGS) {
  test(`migrate --from-16 ${name}: 0 validate errors and every mapped key holds its 1.6 value`, needsReference, async () => {
    const dir = copyTree();
    const r = await runCli(['migrate', '--from-16', join(V16, name), '--config', dir]);
    assert.equal(r.code, 0, r.stderr);
    for (const s of SECRETS) assert.ok(!(r.stdout + r.stderr).includes(s), 'a secret was printed');
    const v = await runCli(['validate', dir, '--format', 'json']);
    assert.equal(JSON.parse(v.stdout).summary.errors, 0, v.stdout);

    // values that the report says changed form are compared with their new form
    const reshaped = new Map<string, string>();
    for (const m of r.stdout.matchAll(/^ {2}(\w+): "[^"]*" -> "([^"]*)" in /gm)) reshaped.set(m[1], m[2]);
    const legacy = await readLegacyConfig({ config: join(V16, name), cwd: ROOT });
    const tree = loadConfigTree(dir);
    let checked = 0;
    for (const row of mappingTable()) {
      const k = legacy.byName.get(row.key);
      if (!k || row.component === '*') continue;
      const slot = /^NetworkConfiguration\[(\d+)\]$/.exec(row.component);
      let [comp, variable, instance] = slot
        ? ['NetworkConfiguration', row.variable, undefined]
        : [row.component, row.variable, undefined as string | undefined];
      const code = row.field === 'maxLimit' ? maxLimitMapping(row.key) : valueMapping(row.key);
      if (code) {
        if (code[1] !== comp || code[2] !== variable)
          assert.deepEqual(CODE_WINS[row.key]?.slice(0, 2), [code[1], code[2]], `${row.key}: table and code disagree`);
        [comp, variable, instance] = [code[1], code[2], code[3]];
      }
      const c = findComponent(tree, comp, slot ? { instance: slot[1] } : {});
      const target = findVariable(c, variable, instance);
      assert.ok(target, `${row.key}: ${comp}.${variable} missing`);
      if (row.field === 'maxLimit') {
        assert.equal((target.data.characteristics as { maxLimit?: number }).maxLimit, Number(k.text), row.key);
      } else {
        const actual = effectiveValue(target).value ?? '';
        let expected = reshaped.get(row.key) ?? k.text;
        if (row.key === 'ChargingScheduleAllowedChargingRateUnit') expected = expected.replace('Current', 'A').replace('Power', 'W');
        if (/^\d{4}-\d{2}-\d{2}T[\d:]+$/.test(expected)) expected += 'Z';
        assert.ok(
          actual === expected || tokens(actual).join(',') === tokens(expected).join(','),
          `${row.key}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`,
        );
      }
      checked++;
    }
    assert.ok(checked >= 30, `only ${checked} keys checked`);
  });
}

for (const [what, tree, config16, secrets, notCarried, options] of [
  [
    "EVerest's config-docker.json on EVerest's config",
    copyTree,
    () => join(V16, 'config-docker.json'),
    SECRETS,
    /not carried over \(1\):\n/,
    needsReference,
  ],
  ["the project's own 1.6 config on the shipped config", shippedTree, own16, OWN_SECRETS, /not carried over \(\d+\):\n(?: {2}.*\n)*?/, {}],
] as const)
  test(`--dry-run --diff shows the change with AuthorizationKey as its length and writes nothing: ${what}`, options, async () => {
    const dir = tree();
    const before = snapshot(dir);
    const r = await runCli(['migrate', '--from-16', config16(), '--config', dir, '--dry-run', '--diff']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^NetworkConfiguration\[1\]:\n(?: {2}.*\n)*? {2}BasicAuthPassword = \(secret, 16 characters\) {2}\(from AuthorizationKey\)$/m,
    );
    assert.match(r.stdout, /^\+\+\+ .*NetworkConfiguration_1\.json/m);
    assert.match(r.stdout, /^\+\s+"value": "\(secret, 16 characters\)"/m);
    assert.match(r.stdout, new RegExp(notCarried.source + / {2}ExampleConfigurationKey = "example": no OCPP 2\.x mapping/.source));
    assert.match(r.stdout, /module: OCPPmulti/);
    assert.match(r.stdout, /EnableLegacyConfigMigration: not needed/);
    for (const s of secrets) assert.ok(!(r.stdout + r.stderr).includes(s));
    assert.deepEqual(snapshot(dir), before);
  });

test('--db says when it replaces the interface the component config gave, which a database cannot tell from a default', async () => {
  const work = mkdtempSync(join(tmpdir(), 'ocppctl-from16-iface-'));
  const db = join(work, 'station.db');
  // the shipped slot 1 sets OcppInterface "Wired0" as the attribute's value: the file migration keeps it
  const dir = shippedCopy();
  assert.equal((await runCli(['init-db', '--config', dir, '--db', db])).code, 0);
  const files = await runCli(['migrate', '--from-16', own16(), '--config', dir]);
  assert.equal(files.code, 0, files.stderr);
  assert.match(files.stdout + files.stderr, /NetworkConfiguration\[1\]\.OcppInterface keeps its value from the tree/);
  const r = await runCli(['migrate', '--from-16', own16(), '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    (r.stdout + r.stderr).replace(/\s+/g, ' '),
    /NetworkConfiguration\[1\]\.OcppInterface: the database holds "Wired0" from the component config and gets "Any"/,
  );
  // without a value in the file there is nothing to say
  const bare = join(work, 'bare.db');
  assert.equal((await runCli(['init-db', '--config', shippedWithoutInterface(), '--db', bare])).code, 0);
  const quiet = await runCli(['migrate', '--from-16', own16(), '--db', bare]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stdout + quiet.stderr, /the database holds/);
});

for (const [what, tree, config16, secrets, options] of [
  ["EVerest's config-full.json on EVerest's config", copyTree, () => join(V16, 'config-full.json'), SECRETS, needsReference],
  ["the project's own 1.6 config on the shipped config", shippedWithoutInterface, own16, OWN_SECRETS, {}],
] as const)
  test(`--db gives the same device model as migrating the files and running init-db: ${what}`, options, async () => {
    const work = mkdtempSync(join(tmpdir(), 'ocppctl-from16-db-'));
    const a = join(work, 'a.db');
    const b = join(work, 'b.db');
    const from16 = config16();
    assert.equal((await runCli(['init-db', '--config', tree(), '--db', a])).code, 0);
    const r = await runCli(['migrate', '--from-16', from16, '--db', a]);
    assert.equal(r.code, 0, r.stderr);
    for (const s of secrets) assert.ok(!(r.stdout + r.stderr).includes(s));
    const dir = tree();
    assert.equal((await runCli(['migrate', '--from-16', from16, '--config', dir])).code, 0);
    assert.equal((await runCli(['init-db', '--config', dir, '--db', b])).code, 0);
    const rows = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db
          .prepare(
            `SELECT c.NAME, c.INSTANCE, v.NAME AS VAR, v.INSTANCE AS VI, a."VALUE", a.MUTABILITY_ID, ch.MAX_LIMIT, ch.VALUES_LIST FROM VARIABLE_ATTRIBUTE a
           JOIN VARIABLE v ON v.ID = a.VARIABLE_ID JOIN COMPONENT c ON c.ID = v.COMPONENT_ID JOIN VARIABLE_CHARACTERISTICS ch ON ch.VARIABLE_ID = v.ID
           ORDER BY c.NAME, c.INSTANCE, v.NAME, v.INSTANCE, a.TYPE_ID`,
          )
          .all();
      } finally {
        db.close();
      }
    };
    assert.deepEqual(rows(a), rows(b));
  });

test('a 1.6 config that is not JSON is a located input error (exit 2) and changes nothing', async () => {
  const dir = shippedTree();
  const bad = join(dir, '..', 'config.json');
  writeFileSync(bad, '{\n  "Core": {\n    "HeartbeatInterval": 90,\n  }\n}\n');
  const before = snapshot(dir);
  const r = await runCli(['migrate', '--from-16', bad, '--config', dir]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /config\.json:4:3: the OCPP 1\.6 config is not valid JSON/);
  assert.deepEqual(snapshot(dir), before);
});

test('a key of the wrong type is located in the file that sets it (exit 1) and changes nothing', async () => {
  const dir = shippedTree();
  const user = join(dir, '..', 'user_config.json');
  writeFileSync(
    user,
    '{\n  "Core": {\n    "HeartbeatInterval": "often"\n  },\n  "Security": { "AuthorizationKey": 12345678901234567 }\n}\n',
  );
  const before = snapshot(dir);
  const r = await runCli(['migrate', '--from-16', own16(), '--user-config', user, '--config', dir]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /user_config\.json:3:5: Core\.HeartbeatInterval must be integer/);
  assert.match(r.stderr, /user_config\.json:5:17: Security\.AuthorizationKey must be string \(value not shown\)/);
  assert.ok(!r.stderr.includes('12345678901234567'));
  assert.deepEqual(snapshot(dir), before);
});

test('the user config overlays the config first, and a value the target cannot hold is refused with its location', async () => {
  const dir = shippedTree();
  const user = join(dir, '..', 'user_config.json');
  writeFileSync(user, '{ "Core": { "HeartbeatInterval": 77 }, "Internal": { "LogMessagesFormat": ["log"] } }\n');
  const ok = await runCli(['migrate', '--from-16', own16(), '--user-config', user, '--config', dir]);
  assert.equal(ok.code, 0, ok.stderr);
  const tree = loadConfigTree(dir);
  assert.equal(effectiveValue(findVariable(findComponent(tree, 'OCPPCommCtrlr'), 'HeartbeatInterval')!).value, '77');
  assert.equal(effectiveValue(findVariable(findComponent(tree, 'InternalCtrlr'), 'LogMessagesFormat')!).value, 'log');

  const dir2 = shippedTree();
  // the shipped config has no SmartChargingCtrlr: give it the integer target
  addVariable(dir2, 'SmartChargingCtrlr', 'CompositeScheduleDefaultLimitAmps', 'integer');
  // a 1.6 number (the schema allows 16.5) for an integer target
  writeFileSync(user, '{\n  "Internal": {\n    "CompositeScheduleDefaultLimitAmps": 16.5\n  }\n}\n');
  const before = snapshot(dir2);
  const r = await runCli(['migrate', '--from-16', own16(), '--user-config', user, '--config', dir2]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /user_config\.json:3:5: CompositeScheduleDefaultLimitAmps "16\.5" cannot go to SmartChargingCtrlr\.CompositeScheduleDefaultLimitAmps: the target is an integer/,
  );
  assert.deepEqual(snapshot(dir2), before);
});

test('a mapping file targeting NetworkConfiguration is refused with its location, as OCPPmulti refuses it', async () => {
  const dir = shippedTree();
  const yaml = join(dir, '..', 'mappings.yaml');
  writeFileSync(
    yaml,
    'mappings:\n  - ocpp16_key: ExampleConfigurationKey\n    component: { name: OCPP16LegacyCtrlr }\n    variable: { name: ExampleConfigurationKey }\n  - ocpp16_key: MyUrl\n    component:\n      name: NetworkConfiguration\n      instance: "1"\n    variable:\n      name: OcppCsmsUrl\n',
  );
  const before = snapshot(dir);
  const r = await runCli(['migrate', '--from-16', own16(), '--mappings', yaml, '--config', dir]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /mappings\.yaml:5:5: mapping 2: key 'MyUrl' targets connection configuration NetworkConfiguration\/OcppCsmsUrl/);
  assert.deepEqual(snapshot(dir), before);
});

// a mapping of the project's own for the 1.6 configs' custom key; the shipped config gets its target variable
function ownMappings(dir: string): string {
  const yaml = join(dir, '..', 'custom-mappings.yaml');
  writeFileSync(
    yaml,
    '# ExampleConfigurationKey has no OCPP 2.x counterpart: keep it in OCPP16LegacyCtrlr\nmappings:\n  - ocpp16_key: ExampleConfigurationKey\n    component: { name: OCPP16LegacyCtrlr }\n    variable: { name: ExampleConfigurationKey }\n',
  );
  addVariable(dir, 'OCPP16LegacyCtrlr', 'ExampleConfigurationKey', 'string');
  return yaml;
}

for (const [what, makeTree, config16, mappings, secrets, options] of [
  [
    "EVerest's configs",
    copyTree,
    () => join(V16, 'config-docker.json'),
    (_dir: string) => join(V16, 'ocpp16-custom-config-mappings.yaml'),
    SECRETS,
    needsReference,
  ],
  ["the project's own configs", shippedTree, own16, ownMappings, OWN_SECRETS, {}],
] as const)
  test(`--mappings carries a custom key, --slot 0 leaves the slots alone, a missing slot is a warning: ${what}`, options, async () => {
    const dir = makeTree();
    const r = await runCli(['migrate', '--from-16', config16(), '--mappings', mappings(dir), '--slot', '0', '--config', dir]);
    assert.equal(r.code, 0, r.stderr);
    // EVerest's config has a target for every key; the shipped one lacks some, but never the custom key's
    if (options === needsReference) assert.doesNotMatch(r.stdout, /not carried over/);
    assert.doesNotMatch(r.stdout, /ExampleConfigurationKey = "example"/);
    assert.doesNotMatch(r.stdout, /NetworkConfiguration\[/);
    const tree = loadConfigTree(dir);
    assert.equal(effectiveValue(findVariable(findComponent(tree, 'OCPP16LegacyCtrlr'), 'ExampleConfigurationKey')!).value, 'example');
    assert.equal(effectiveValue(findVariable(findComponent(tree, 'SecurityCtrlr'), 'SecurityProfile')!).value, '1');

    const dir2 = makeTree();
    const w = await runCli(['migrate', '--from-16', config16(), '--slot', '7', '--config', dir2, '--dry-run']);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /warning: NetworkConfiguration\[7\] is not in the tree/);
    assert.match(w.stdout, /AuthorizationKey = \(secret, 16 characters\): NetworkConfiguration\[7\] is missing/);
    for (const s of secrets) assert.ok(!(w.stdout + w.stderr).includes(s));
  });

test("the generated 1.6 profile data matches libocpp's profile schemas", needsReference, async () => {
  const gen = (await import(pathToFileURL(join(ROOT, 'scripts/gen-legacy16.mjs')).href)) as { generate: () => string; OUT: string };
  assert.equal(gen.generate(), readFileSync(gen.OUT, 'utf8'), 'run node scripts/gen-legacy16.mjs');
});

test('a SIGKILL at a step of the write leaves a journal that recover undoes or finishes', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('../support/paths.js');
  const from16 = own16();
  const args = (dir: string) => ['migrate', '--from-16', from16, '--config', dir];
  const ocppctl = (a: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [BIN, ...a], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  const old = snapshot(shippedTree());
  const done = shippedTree();
  assert.equal(ocppctl(args(done)).status, 0);
  const after = snapshot(done);
  let crashed = 0;
  for (const step of [1, 4, 12, 20, 28]) {
    const dir = shippedTree();
    const r = ocppctl(args(dir), { OCPPCTL_TEST_CRASH_AT_STEP: String(step) });
    if (r.signal !== 'SIGKILL') continue;
    crashed++;
    const again = ocppctl(args(dir));
    assert.equal(again.status, 1, again.stderr);
    assert.match(again.stderr, /interrupted "migrate".*ocppctl recover --config/);
    const finish = /--finish/.test(again.stderr);
    assert.equal(ocppctl(['recover', '-c', dir, finish ? '--finish' : '--undo']).status, 0);
    assert.deepEqual(snapshot(dir), finish ? after : old, `step ${step}`);
  }
  assert.ok(crashed >= 3, `only ${crashed} crash points`);
});
