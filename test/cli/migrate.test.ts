import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { copyConfig } from '../slots/config-copy.js';

test('migrate --dry-run prints the plan per profile with the password as *** and writes nothing', async () => {
  const dir = copyConfig('everest-component-config');
  const before = readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8');
  const r = await runCli(['migrate', '-c', dir, '--dry-run', '--diff']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^profile 1 → slot 1 \(.*NetworkConfiguration_1\.json\)\n {2}OcppCsmsUrl = "ws:\/\/localhost:9000"\n/);
  assert.match(r.stdout, /BasicAuthPassword = \*\*\*/);
  assert.match(r.stdout, /identity from SecurityCtrlr, password from SecurityCtrlr/);
  assert.match(r.stdout, /^\+\s+"value": "\(secret, \d+ characters\)"$/m);
  assert.doesNotMatch(r.stdout + r.stderr, /DEADBEEF/);
  assert.equal(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'), before);
});

test('migrate of the legacy libocpp config creates slot 1, clears the blob, and leaves no new validate error', async () => {
  const dir = copyConfig('libocpp-legacy-component-config');
  const errorsBefore = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout).summary.errors;
  const r = await runCli(['migrate', '-c', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created .*standardized\/NetworkConfiguration_1\.json/);
  const internal = JSON.parse(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'));
  assert.equal(internal.properties.NetworkConnectionProfiles.attributes[0].value, '');
  const errorsAfter = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout).summary.errors;
  assert.ok(errorsAfter <= errorsBefore);
  const again = await runCli(['migrate', '-c', dir]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /is empty; nothing to migrate/);
});

test('a malformed blob exits 1 with its location and changes nothing', async () => {
  const dir = copyConfig('everest-component-config');
  const path = join(dir, 'standardized/InternalCtrlr.json');
  writeFileSync(path, readFileSync(path, 'utf8').replace('\\"securityProfile\\": 1}}]', '\\"securityProfile\\": 9}}]'));
  const before = readFileSync(path, 'utf8');
  const r = await runCli(['migrate', '-c', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /InternalCtrlr\.json:32 \(\/properties\/NetworkConnectionProfiles\/attributes\/0\/value\): profile 1: \(slot 1\) securityProfile 9 is not 0, 1, 2 or 3/);
  assert.equal(readFileSync(path, 'utf8'), before);
});
