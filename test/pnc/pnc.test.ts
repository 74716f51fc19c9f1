import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCertificates } from '../../src/pnc/index.js';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { GOOD_PNC, pncConfig } from '../rules/pnc-harness.js';
import { makeCerts, needsOpenssl } from './certs-harness.js';

interface Json {
  ready: boolean;
  firstFix?: string;
  findings: { severity: string; source: string; where?: string; message: string }[];
  evses: { module: string; evse?: number; pnc: boolean; from: string; hlc: boolean }[];
  settings: { name: string; value?: string; from: string }[];
  certificates: { role: string; daysLeft: number }[];
}
const pnc = async (args: string[], cwd?: string) => {
  const r = await runCli(['pnc', ...args], cwd ? { cwd } : {});
  return { ...r, json: r.code !== 2 && args.includes('--json') ? (JSON.parse(r.stdout) as Json) : undefined };
};
const certFindings = (j: Json) => j.findings.filter((f) => f.source === 'certificates');

test('a fully configured device model with a good chain is ready: exit 0, the last line says so', needsOpenssl, async () => {
  const certs = makeCerts();
  const r = await pnc(['--config', pncConfig(GOOD_PNC), '--certs', certs]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /\nready: Plug&Charge should work\n$/);
  assert.match(r.stdout, /SECC leaf .*CN=DEPNXS1234567.*\((36[45]) days left\)/);
  const j = (await pnc(['--config', pncConfig(GOOD_PNC), '--certs', certs, '--json'])).json!;
  assert.deepEqual(certFindings(j), []);
  assert.deepEqual(j.certificates.map((c) => c.role).sort(), ['MO root', 'SECC leaf', 'SECC sub-CA', 'SECC sub-CA', 'V2G root']);
});

for (const [name, opts, severity, pattern] of [
  ['10 days left', { days: 10 }, 'warning', /expires in (9|10) days; libocpp requests a new one under 30 days/],
  ["a key that is not the leaf's", { wrongKey: true }, 'error', /no private key .* matches the SECC leaf/],
  ['no DC=CPO in the subject', { subject: '/CN=DEPNXS1234567/O=Test/C=DE' }, 'warning', /has no DC=CPO/],
  ['a chain to a foreign root', { foreignRoot: true }, 'error', /does not chain to a V2G root/],
  [
    'an encrypted key without private_key_password',
    { password: 'pki-secret-pw-4711' },
    'error',
    /does not open with EvseSecurity's private_key_password \(none is set\)/,
  ],
] as const)
  test(`certificates: ${name} gives its finding and exit 1`, needsOpenssl, async () => {
    const r = await pnc(['--config', pncConfig(GOOD_PNC), '--certs', makeCerts(opts), '--json']);
    assert.equal(r.code, 1);
    const found = certFindings(r.json!);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].severity, severity);
    assert.match(found[0].message, pattern);
    assert.equal(r.json!.ready, false);
    assert.ok(!r.stdout.includes('pki-secret-pw-4711') && !r.stdout.includes('PRIVATE KEY'));
  });

test('an expired leaf is an error (checked at a later date)', needsOpenssl, () => {
  const certs = makeCerts({ days: 2 });
  const later = new Date(Date.now() + 5 * 86_400_000);
  const found = checkCertificates(certs, { now: later }).findings;
  assert.deepEqual(
    found.map((f) => f.severity),
    ['error'],
  );
  assert.match(found[0].message, /expired on/);
});

test('no MO root while central contract validation is not allowed is a warning', needsOpenssl, async () => {
  const r = await pnc([
    '--config',
    pncConfig({ ...GOOD_PNC, CentralContractValidationAllowed: false }),
    '--certs',
    makeCerts({ noMoRoot: true }),
    '--json',
  ]);
  assert.equal(r.code, 1);
  assert.match(
    certFindings(r.json!)
      .map((f) => f.message)
      .join('\n'),
    /no MO root certificate .* every online Plug&Charge authorization is Invalid/,
  );
  const allowed = await pnc(['--config', pncConfig(GOOD_PNC), '--certs', makeCerts({ noMoRoot: true }), '--json']);
  assert.deepEqual(certFindings(allowed.json!), []);
});

test('the MO root is reported once: from --certs when given, else from the prefix EvseSecurity reads', needsOpenssl, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-pnc-mo-'));
  mkdirSync(join(dir, 'prefix'));
  writeFileSync(
    join(dir, 'config.yaml'),
    `settings:\n  prefix: prefix\nactive_modules:\n  ocpp:\n    module: OCPP201\n    connections:\n      evse_manager:\n        - module_id: evse_manager_1\n          implementation_id: evse\n      security:\n        - module_id: evse_security\n          implementation_id: main\n  evse_manager_1:\n    module: EvseManager\n  evse_security:\n    module: EvseSecurity\n`,
  );
  const config = pncConfig({ ...GOOD_PNC, CentralContractValidationAllowed: false });
  const moRoot = (j: Json) => j.findings.filter((f) => /no MO root/.test(f.message)).map((f) => f.source);
  const withCerts = await pnc(
    ['--config', config, '--everest-config', 'config.yaml', '--certs', makeCerts({ noMoRoot: true }), '--json'],
    dir,
  );
  assert.deepEqual(moRoot(withCerts.json!), ['certificates']);
  const withoutCerts = await pnc(['--config', config, '--everest-config', 'config.yaml', '--json'], dir);
  assert.deepEqual(moRoot(withoutCerts.json!), ['everest-pnc-mo-root']);
  assert.equal(withoutCerts.json!.ready, false);
});

test('without --certs, the certificates folder EvseSecurity reads under the EVerest prefix is checked', needsOpenssl, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-pnc-prefix-'));
  // --everest-prefix wins over the YAML's settings.prefix; <prefix>/etc/everest/certs for a prefix not ending in usr
  const prefix = join(dir, 'opt/everest');
  cpSync(makeCerts(), join(prefix, 'etc/everest/certs'), { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    `settings:\n  prefix: elsewhere\nactive_modules:\n  ocpp:\n    module: OCPP201\n    connections:\n      evse_manager:\n        - module_id: evse_manager_1\n          implementation_id: evse\n  evse_manager_1:\n    module: EvseManager\n  evse_security:\n    module: EvseSecurity\n`,
  );
  const args = ['--config', pncConfig(GOOD_PNC), '--everest-config', 'config.yaml', '--everest-prefix', 'opt/everest'];
  const j = (await pnc([...args, '--json'], dir)).json as Json & { certsDir?: { path: string; from: string } };
  assert.deepEqual(j.certsDir, { path: join(prefix, 'etc/everest/certs'), from: 'prefix' });
  assert.deepEqual(j.certificates.map((c) => c.role).sort(), ['MO root', 'SECC leaf', 'SECC sub-CA', 'SECC sub-CA', 'V2G root']);
  assert.ok(!j.findings.some((f) => /no MO root/.test(f.message)), 'the MO root is found there');
  const text = await pnc(args, dir);
  assert.match(text.stdout, /^certificates in .*opt\/everest\/etc\/everest\/certs \(EvseSecurity's folder under the EVerest prefix\):$/m);
  // the YAML's own prefix has no such folder: nothing is checked, and no folder is named
  const own = (await pnc(['--config', pncConfig(GOOD_PNC), '--everest-config', 'config.yaml', '--json'], dir)).json as Json & {
    certsDir?: unknown;
  };
  assert.equal(own.certsDir, undefined);
  assert.deepEqual(own.certificates, []);
  const alone = await pnc(['--config', pncConfig(GOOD_PNC), '--everest-prefix', 'opt/everest'], dir);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /--everest-prefix .* give --everest-config FILE too/);
});

test("the key opens with the YAML's private_key_password, which is never printed", needsOpenssl, async () => {
  const password = 'pki-secret-pw-4711';
  const certs = makeCerts({ password });
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-pnc-yaml-'));
  writeFileSync(
    join(dir, 'config.yaml'),
    `active_modules:\n  evse_security:\n    module: EvseSecurity\n    config_module:\n      private_key_password: "${password}"\n`,
  );
  for (const json of [false, true]) {
    const r = await pnc(
      ['--config', pncConfig(GOOD_PNC), '--everest-config', 'config.yaml', '--certs', certs, ...(json ? ['--json'] : [])],
      dir,
    );
    assert.ok(!r.stdout.includes(password) && !r.stderr.includes(password));
    assert.ok(!/PRIVATE KEY/.test(r.stdout));
    if (json) assert.deepEqual(certFindings(r.json!), []);
  }
});

test("EVerest's PnC config with its device model: the EVSE table, not ready for the SECC certificate", needsReference, async () => {
  const r = await pnc([
    '--everest-config',
    `${REFERENCE}/everest/config/config-sil-ocpp201-pnc.yaml`,
    '--config',
    `${REFERENCE}/everest-component-config`,
    '--json',
  ]);
  assert.equal(r.code, 1);
  assert.deepEqual(
    r.json!.evses.map((e) => [e.module, e.evse, e.pnc, e.from, e.hlc]),
    [
      ['evse_manager_1', 1, true, 'device model', true],
      ['evse_manager_2', 2, true, 'device model', false],
    ],
  );
  assert.match(r.json!.firstFix!, /SECC certificate/);
  const text = await pnc([
    '--everest-config',
    `${REFERENCE}/everest/config/config-sil-ocpp201-pnc.yaml`,
    '--config',
    `${REFERENCE}/everest-component-config`,
  ]);
  assert.match(text.stdout, /^ {2}evse 2 {2}evse_manager_2 {2}Plug&Charge on \(device model\) {2}ISO 15118 not ready$/m);
  assert.match(text.stdout, /\nnot ready: PnCEnabled is true but V2GCertificateInstallationEnabled is not/);
});

test('PnC off is not ready and says so; no input is a usage error, a missing folder an input error', async () => {
  const off = await pnc(['--config', pncConfig({ ...GOOD_PNC, PnCEnabled: false })]);
  assert.equal(off.code, 1);
  assert.match(off.stdout, /\nnot ready: Plug&Charge is off/);
  const none = await pnc([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--config DIR or the EVerest config with --everest-config FILE/);
  const missing = await pnc(['--config', pncConfig(GOOD_PNC), '--certs', '/nonexistent/certs']);
  assert.equal(missing.code, 2);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
});

test("--db: a PnCEnabled the CSMS wrote into the station's database wins over the files", async () => {
  const { openDatabase } = await import('../../src/db/sqlite.js');
  const dir = pncConfig(GOOD_PNC);
  const db = join(mkdtempSync(join(tmpdir(), 'ocppctl-pnc-db-')), 'device_model_storage.db');
  assert.equal((await runCli(['init-db', '-c', dir, '--db', db])).code, 0);
  const before = await pnc(['--config', dir, '--db', db, '--json']);
  assert.equal(before.json!.settings.find((s) => s.name === 'ISO15118Ctrlr.PnCEnabled')?.from, 'device model');
  const handle = openDatabase(db);
  handle
    .prepare(
      "UPDATE VARIABLE_ATTRIBUTE SET VALUE = 'false', VALUE_SOURCE = 'csms' WHERE VARIABLE_ID = (SELECT v.ID FROM VARIABLE v JOIN COMPONENT c ON c.ID = v.COMPONENT_ID WHERE v.NAME = 'PnCEnabled' AND c.NAME = 'ISO15118Ctrlr')",
    )
    .run();
  handle.close();
  const after = await pnc(['--config', dir, '--db', db, '--json']);
  assert.equal(after.code, 1);
  assert.deepEqual(
    after.json!.settings.find((s) => s.name === 'ISO15118Ctrlr.PnCEnabled'),
    { name: 'ISO15118Ctrlr.PnCEnabled', value: 'false', from: 'database', where: db },
  );
  assert.match(after.json!.firstFix!, /Plug&Charge is off/);
  const bad = await pnc(['--config', dir, '--db', join(dir, 'nope.db')]);
  assert.equal(bad.code, 2);
});
