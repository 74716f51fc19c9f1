import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

const ENV = { PW: 'own-output-password-1' };
const scratch = () => mkdtempSync(join(tmpdir(), 'ocppctl-own-style-'));
const init = (dir: string, ...extra: string[]) =>
  runCli(['init', dir, '--evses', '1', '--connectors-per-evse', '2', '--current', 'DC', '--password-env', 'PW', ...extra], { env: ENV });

async function findings(dir: string): Promise<Diagnostic[]> {
  const r = await runCli(['validate', dir, '--format', 'json', '--min-severity', 'info']);
  return JSON.parse(r.stdout).diagnostics;
}
const styleFindings = async (dir: string) =>
  (await findings(dir)).filter((d) => d.ruleId === 'value-style').map((d) => `${d.file} ${d.pointer}`);

test('init writes every value as a string, for both releases and both sizes: no value-style finding', async () => {
  for (const ocpp of ['2.0.1', '2.1'])
    for (const size of ['--minimal', '--full']) {
      const dir = join(scratch(), 'component_config');
      const r = await init(dir, '--ocpp', ocpp, size);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await styleFindings(dir), [], `init --ocpp ${ocpp} ${size}`);
    }
});

test('add-slot and set-priority write strings (SecurityProfile "2", MessageTimeout "45", defaults "false")', async () => {
  const dir = join(scratch(), 'component_config');
  assert.equal((await init(dir, '--ocpp', '2.0.1')).code, 0);
  const add = await runCli(
    [
      'add-slot',
      '-c',
      dir,
      '--url',
      'wss://backup.example.com/ocpp',
      '--security-profile',
      '2',
      '--password-env',
      'PW',
      '--message-timeout',
      '45',
      '--priority',
      'first',
    ],
    { env: ENV },
  );
  assert.equal(add.code, 0, add.stderr);
  const slot = JSON.parse(readFileSync(join(dir, 'standardized/NetworkConfiguration_3.json'), 'utf8'));
  assert.equal(slot.properties.SecurityProfile.attributes[0].value, '2');
  assert.equal(slot.properties.MessageTimeout.attributes[0].value, '45');
  assert.equal(slot.properties.ApnEnabled.default, 'false');
  assert.equal((await runCli(['set-priority', '3,1', '-c', dir])).code, 0);
  assert.deepEqual(await styleFindings(dir), []);
});

test('migrate writes the legacy profiles as strings, into an existing slot and into a new one', async () => {
  const dir = join(scratch(), 'component_config');
  assert.equal((await init(dir, '--ocpp', '2.0.1', '--slots', '1')).code, 0);
  // slot 1 has no URL yet (libocpp migrates only then); the blob fills slot 1 and creates slot 2
  const edit = (file: string, change: (doc: { properties: Record<string, { attributes: { value?: unknown }[] }> }) => void) => {
    const path = join(dir, 'standardized', file);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    change(doc);
    writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
  };
  const profile = (slot: number) => ({
    configurationSlot: slot,
    connectionData: {
      messageTimeout: 30 + slot,
      ocppCsmsUrl: 'ws://old.example.com/ocpp',
      ocppInterface: 'Wired0',
      ocppTransport: 'JSON',
      securityProfile: 1,
      ocppVersion: 'OCPP20',
    },
  });
  edit(
    'InternalCtrlr.json',
    (d) => (d.properties.NetworkConnectionProfiles.attributes[0].value = JSON.stringify([profile(1), profile(2)])),
  );
  edit('NetworkConfiguration_1.json', (d) => (d.properties.OcppCsmsUrl.attributes[0].value = ''));
  const r = await runCli(['migrate', '-c', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 profile\(s\) migrated into 2 slot\(s\)/);
  for (const n of [1, 2]) {
    const slot = JSON.parse(readFileSync(join(dir, `standardized/NetworkConfiguration_${n}.json`), 'utf8'));
    assert.equal(slot.properties.MessageTimeout.attributes[0].value, String(30 + n));
    assert.equal(slot.properties.VpnEnabled.attributes[0].value, 'false');
  }
  assert.deepEqual(await styleFindings(dir), []);
});

test('a writing command prints the warnings its change adds, and --dry-run prints them before', async () => {
  const dir = join(scratch(), 'component_config');
  assert.equal((await init(dir, '--ocpp', '2.0.1')).code, 0);
  assert.deepEqual(await findings(dir), []);
  const preview = await runCli(['set-priority', '1', '-c', dir, '--dry-run']);
  assert.equal(preview.code, 0, preview.stderr);
  assert.match(
    preview.stderr,
    /^warning: the change would add 1 warning\(s\):\n.*OCPPCommCtrlr\.json\n {2}\d+:\d+ {2}warning {2}only slot 1 in NetworkConfigurationPriority can be dialled.*slot-count\n/m,
  );
  assert.deepEqual(await findings(dir), [], '--dry-run wrote nothing');
  const real = await runCli(['set-priority', '1', '-c', dir]);
  assert.equal(real.code, 0, real.stderr);
  assert.match(real.stderr, /^warning: the change adds 1 warning\(s\):/m);
  assert.match(real.stderr, /slot-count/);
  assert.deepEqual(
    (await findings(dir)).map((d) => d.ruleId),
    ['slot-count'],
  );
  // a change that adds none says nothing of warnings
  const back = await runCli(['set-priority', '1,2', '-c', dir]);
  assert.equal(back.code, 0, back.stderr);
  assert.doesNotMatch(back.stderr, /warning/);
});
