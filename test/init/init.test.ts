import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../../src/rules/index.js';
import { initDb } from '../../src/db/index.js';
import { runCli } from '../support/cli.js';

const temp = () => mkdtempSync(join(tmpdir(), 'ocppctl-init-'));

const matrix = [
  { ocpp: '2.0.1', evses: '1', connectors: '1', current: 'AC', set: '--full' },
  { ocpp: '2.0.1', evses: '2', connectors: '2', current: 'DC', set: '--minimal' },
  { ocpp: '2.1', evses: '1', connectors: '2', current: 'AC', set: '--minimal' },
  { ocpp: '2.1', evses: '3', connectors: '1', current: 'DC', set: '--full' },
] as const;

for (const m of matrix) {
  test(`init --ocpp ${m.ocpp} ${m.evses}×${m.connectors} ${m.current} ${m.set} validates clean under libocpp and spec-${m.ocpp}`, async () => {
    const root = temp();
    try {
      const dir = join(root, 'component_config');
      const r = await runCli([
        'init',
        dir,
        '--ocpp',
        m.ocpp,
        '--evses',
        m.evses,
        '--connectors-per-evse',
        m.connectors,
        '--current',
        m.current,
        m.set,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const evses = readdirSync(join(dir, 'custom')).filter((f) => f.startsWith('EVSE_'));
      const connectors = readdirSync(join(dir, 'custom')).filter((f) => f.startsWith('Connector_'));
      assert.equal(evses.length, Number(m.evses));
      assert.equal(connectors.length, Number(m.evses) * Number(m.connectors));
      assert.ok(
        existsSync(join(dir, 'standardized/NetworkConfiguration_1.json')) &&
          existsSync(join(dir, 'standardized/NetworkConfiguration_2.json')),
      );
      for (const target of ['libocpp', `spec-${m.ocpp}`] as const) {
        const report = validate([dir], { target });
        const problems = report.diagnostics.filter((d) => d.severity !== 'info' || d.ruleId === 'value-style');
        assert.deepEqual(
          problems.map((d) => `${d.ruleId} ${d.file} ${d.message}`),
          [],
          `under ${target}`,
        );
      }
      assert.deepEqual(readdirSync(root), ['component_config'], 'no temp folder is left next to DIR');
      const built = await initDb({ config: dir, db: join(root, 'device_model.db'), strict: true });
      assert.equal(built.status, 'created', built.diagnostics.map((d) => d.message).join('\n'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('the topology shows in the EVSE and connector files and the legacy connector count', async () => {
  const root = temp();
  try {
    const dir = join(root, 'cfg');
    const r = await runCli(['init', dir, '--ocpp', '2.1', '--evses', '2', '--connectors-per-evse', '2', '--current', 'DC', '--slots', '3']);
    assert.equal(r.code, 0, r.stderr);
    const connector = JSON.parse(readFileSync(join(dir, 'custom/Connector_2_2.json'), 'utf8'));
    assert.equal(connector.evse_id, 2);
    assert.equal(connector.connector_id, 2);
    const value = (doc: { properties: Record<string, { variable_name: string; attributes: { value?: unknown }[] }> }, name: string) =>
      Object.values(doc.properties).find((v) => v.variable_name === name)?.attributes[0].value;
    assert.equal(value(connector, 'ConnectorType'), 'cCCS2');
    const legacy = JSON.parse(readFileSync(join(dir, 'standardized/OCPP16LegacyCtrlr.json'), 'utf8'));
    assert.equal(value(legacy, 'NumberOfConnectors'), '4');
    const comm = JSON.parse(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8'));
    assert.equal(value(comm, 'NetworkConfigurationPriority'), '1,2,3');
    const internal = JSON.parse(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'));
    assert.equal(value(internal, 'SupportedOcppVersions'), 'ocpp2.1');
    assert.equal(value(internal, 'NetworkConnectionProfiles'), '');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a non-empty DIR is refused (exit 1, untouched) unless --force replaces it', async () => {
  const root = temp();
  try {
    const dir = join(root, 'cfg');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const args = ['init', dir, '--ocpp', '2.0.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC'];
    const refused = await runCli(args);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is not empty; use --force to replace it/);
    assert.deepEqual(readdirSync(dir), ['keep.txt']);
    const forced = await runCli([...args, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['custom', 'standardized']);
    assert.deepEqual(readdirSync(root), ['cfg']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an empty existing DIR is used without --force', async () => {
  const root = temp();
  try {
    const dir = join(root, 'cfg');
    mkdirSync(dir);
    const r = await runCli(['init', dir, '--ocpp', '2.0.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC']);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('without a terminal a missing required flag exits 2 and names it', async () => {
  const root = temp();
  try {
    const r = await runCli(['init', 'cfg', '--ocpp', '2.1', '--evses', '1'], { cwd: root });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ocppctl: init needs --connectors-per-evse, --current (there is no terminal to ask on)\n');
    assert.deepEqual(readdirSync(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('bad counts and --minimal with --full are usage errors', async () => {
  const base = ['init', 'cfg', '--ocpp', '2.1', '--connectors-per-evse', '1', '--current', 'AC'];
  assert.equal((await runCli([...base, '--evses', '0'])).code, 2);
  assert.equal((await runCli([...base, '--evses', '1', '--slots', 'x'])).code, 2);
  const both = await runCli([...base, '--evses', '1', '--minimal', '--full']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /either --minimal or --full/);
});

test('the password comes from --password-env, lands in SecurityCtrlr and is never printed', async () => {
  const root = temp();
  try {
    const secret = 'a-secret-of-24-character';
    const dir = join(root, 'cfg');
    const r = await runCli(
      ['init', dir, '--ocpp', '2.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC', '--password-env', 'PW'],
      { env: { PW: secret } },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
    assert.ok(readFileSync(join(dir, 'standardized/SecurityCtrlr.json'), 'utf8').includes(`"value": "${secret}"`));
    const short = await runCli(
      ['init', join(root, 'b'), '--ocpp', '2.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC', '--password-env', 'PW'],
      { env: { PW: 'short' } },
    );
    assert.equal(short.code, 2);
    assert.equal(short.stderr, 'ocppctl: BasicAuthPassword from PW has 5 characters; OCPP needs 16 to 40\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
