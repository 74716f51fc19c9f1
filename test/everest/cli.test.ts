import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.js';
import { needsReference } from '../support/paths.js';
import { station } from './support.js';

test('a missing EVerest config is one line on stderr, exit 2', async () => {
  const r = await runCli(['validate', '--everest-config', 'nope.yaml']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'ocppctl: no EVerest config at nope.yaml\n');
});

test('--everest-prefix alone and --everest-config with --fleet are usage errors, exit 2', async () => {
  assert.equal((await runCli(['validate', '--everest-prefix', '/usr'])).code, 2);
  assert.equal((await runCli(['validate', '--everest-config', 'x.yaml', '--fleet', 'stations'])).code, 2);
});

test('--rule takes EVerest rule ids; SARIF and GitHub output point into the YAML', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) => t.replace('          implementation_id: auth_validator', '          implementation_id: auth_validatr'),
  });
  try {
    const only = await runCli(['validate', '--everest-config', 'config.yaml', '--rule', 'everest-connection', '--format', 'json'], {
      cwd: s.dir,
    });
    assert.deepEqual([...new Set(JSON.parse(only.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId))], ['everest-connection']);
    const gh = await runCli(['validate', '--everest-config', 'config.yaml', '--format', 'github', '--quiet'], { cwd: s.dir });
    assert.equal(gh.code, 1);
    assert.match(gh.stdout, /^::error file=config\.yaml,line=\d+,endLine=\d+,col=\d+/m);
    const sarif = JSON.parse((await runCli(['validate', '--everest-config', 'config.yaml', '--format', 'sarif'], { cwd: s.dir })).stdout);
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'everest-connection'));
    assert.ok(
      run.results.some(
        (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.ruleId === 'everest-connection' && r.locations[0].physicalLocation.artifactLocation.uri === 'config.yaml',
      ),
    );
    const warn = await runCli(['validate', '--everest-config', 'config.yaml', '--rule', 'everest-hlc-disabled', '--max-warnings', '0'], {
      cwd: s.dir,
    });
    assert.equal(warn.code, 1);
  } finally {
    s.cleanup();
  }
});

test('--rule with an EVerest rule id but no --everest-config says what is missing, exit 2', async () => {
  const r = await runCli(['validate', 'component_config', '--rule', 'everest-evse-order']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--rule everest-evse-order checks an EVerest config: add --everest-config FILE/);
});

test('explain knows the EVerest rules', async () => {
  const r = await runCli(['explain', 'everest-evse-order']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Configured evse_id\(s\) must start with 1 counting upwards/);
});

test('a secret in the EVerest config never appears in any format', async () => {
  const secret = 'Sup3rSecretKeyPass';
  const s = station({
    text: `active_modules:\n  evse_security:\n    module: EvseSecurity\n    config_module:\n      private_key_password: 12345\n      secc_leaf_key_password: ${secret}\n      ${secret}: 1\n  token:\n    module: DummyTokenProviderManual\n    config_implementation:\n      main:\n        token: ${secret}x\n`,
  });
  try {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const r = await runCli(['validate', '--everest-config', 'config.yaml', '--format', format], { cwd: s.dir });
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.ok(!r.stdout.includes(`${secret}x`) && !r.stdout.includes('12345'), `${format}: ${r.stdout}`);
    }
    const shown = await runCli(['everest', 'show', 'config.yaml', '--json'], { cwd: s.dir });
    assert.ok(!shown.stdout.includes(secret));
  } finally {
    s.cleanup();
  }
});

test('shell completion offers the EVerest flags, the everest command and the EVerest rule ids', async () => {
  const r = await runCli(['completion', 'bash']);
  for (const word of ['--everest-config', '--everest-prefix', 'everest', 'everest-evse-order']) assert.ok(r.stdout.includes(word), word);
});
