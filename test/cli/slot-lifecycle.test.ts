import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { copyConfig } from '../slots/config-copy.js';

const priority = (dir: string) => {
  const p = JSON.parse(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8')).properties.NetworkConfigurationPriority;
  return { value: p.attributes[0].value, valuesList: p.characteristics.valuesList };
};

async function clean(dir: string) {
  const v = await runCli(['validate', dir, '--format', 'json']);
  assert.equal(JSON.parse(v.stdout).summary.errors, 0, v.stdout);
}

async function ok(args: string[], env: Record<string, string> = {}) {
  const r = await runCli(args, { env });
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

test('add a third slot, reorder, remove: value and valuesList stay consistent and validate stays clean', async () => {
  const dir = copyConfig('everest-component-config');
  await ok(['add-slot', '-c', dir, '--url', 'ws://a.example', '--security-profile', '1']);
  assert.deepEqual(priority(dir), { value: '1,3', valuesList: '1,2,3' });
  await clean(dir);

  const refused = await runCli(['set-priority', '3,1', '-c', dir]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /slot 1 is not usable: OcppCsmsUrl is empty; fix it first or pass --force/);

  await ok(['set-priority', '3', '-c', dir]);
  assert.deepEqual(priority(dir), { value: '3', valuesList: '1,2,3' });
  await clean(dir);

  await ok(['remove-slot', '1', '-c', dir]);
  assert.equal(existsSync(join(dir, 'standardized/NetworkConfiguration_1.json')), false);
  assert.deepEqual(priority(dir), { value: '3', valuesList: '2,3' });
  await clean(dir);
});

test('remove-slot refuses a listed slot and the last usable slot unless --force', async () => {
  const dir = copyConfig('everest-component-config');
  await ok(['add-slot', '-c', dir, '--url', 'ws://a.example', '--security-profile', '1', '--priority', 'first']);
  const listed = await runCli(['remove-slot', '3', '-c', dir]);
  assert.equal(listed.code, 1);
  assert.match(listed.stderr, /slot 3 is listed in NetworkConfigurationPriority \(3,1\); run "ocppctl set-priority 1" first/);
  await ok(['set-priority', '1', '-c', dir, '--force']);
  const last = await runCli(['remove-slot', '3', '-c', dir]);
  assert.equal(last.code, 1);
  assert.match(last.stderr, /slot 3 is the last usable slot/);
  await ok(['remove-slot', '3', '-c', dir, '--force']);
  assert.deepEqual(priority(dir), { value: '1', valuesList: '1,2' });
});

test('set-priority names a missing slot as a refusal, and --dry-run writes nothing', async () => {
  const dir = copyConfig('everest-component-config');
  const missing = await runCli(['set-priority', '7', '-c', dir]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /slot 7 does not exist/);
  const bad = await runCli(['set-priority', '1,1', '-c', dir]);
  assert.equal(bad.code, 2);
  const before = readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8');
  const dry = await runCli(['set-priority', '2,1', '-c', dir, '--force', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^-\s+"value": 1\n\+\s+"value": "2,1"$/m);
  assert.equal(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8'), before);
});
