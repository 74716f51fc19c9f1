import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { copyConfig } from '../slots/config-copy.js';
import { STATION_PASSWORD, legacyBlobCopy } from '../support/port-a-trees.js';

interface LegacyTree {
  name: string;
  copy: () => string;
  /** SecurityCtrlr.BasicAuthPassword, which the migrated slot takes and no output may show. */
  password: string;
  /** The line of InternalCtrlr.json that holds the blob. */
  blobLine: number;
  opts: { skip?: string };
}

// a station whose connection is still in the legacy blob (slot 1, ws://localhost:9000, profile 1): the project's own,
// and EVerest's shipped config where ../shared is present
const trees: LegacyTree[] = [
  { name: "the project's legacy-blob tree", copy: legacyBlobCopy, password: STATION_PASSWORD, blobLine: 157, opts: {} },
  {
    name: "EVerest's config",
    copy: () => copyConfig('everest-component-config'),
    password: 'DEADBEEF',
    blobLine: 32,
    opts: needsReference,
  },
];

for (const { name, copy, password: stationPassword, blobLine, opts } of trees) {
  test(`migrate --dry-run prints the plan per profile with the password as *** and writes nothing (${name})`, opts, async () => {
    const dir = copy();
    const before = readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8');
    const r = await runCli(['migrate', '-c', dir, '--dry-run', '--diff']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^profile 1 → slot 1 \(.*NetworkConfiguration_1\.json\)\n {2}OcppCsmsUrl = "ws:\/\/localhost:9000"\n/);
    assert.match(r.stdout, /BasicAuthPassword = \*\*\*/);
    assert.match(r.stdout, /identity from SecurityCtrlr, password from SecurityCtrlr/);
    assert.match(r.stdout, /^\+\s+"value": "\(secret, \d+ characters\)"$/m);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(stationPassword));
    assert.equal(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'), before);
  });

  test(`a malformed blob exits 1 with its location and changes nothing (${name})`, opts, async () => {
    const dir = copy();
    const path = join(dir, 'standardized/InternalCtrlr.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('\\"securityProfile\\": 1}}]', '\\"securityProfile\\": 9}}]'));
    const before = readFileSync(path, 'utf8');
    const r = await runCli(['migrate', '-c', dir]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        `InternalCtrlr\\.json:${blobLine} ${/\(\/properties\/NetworkConnectionProfiles\/attributes\/0\/value\): profile 1: \(slot 1\) securityProfile 9 is not 0, 1, 2 or 3/.source}`,
      ),
    );
    assert.equal(readFileSync(path, 'utf8'), before);
  });

  test(`migrate --dry-run says what would happen, never that it happened (${name})`, opts, async () => {
    const dir = copy();
    const r = await runCli(['migrate', '-c', dir, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1 profile\(s\) would be migrated into 1 slot\(s\); the blob would be cleared \(set to ""\)$/m);
    assert.match(r.stdout, /^would update .*standardized\/InternalCtrlr\.json$/m);
    assert.match(r.stdout, /\ndry run: nothing written\n$/);
    assert.doesNotMatch(r.stdout, /profile\(s\) migrated|the blob is cleared|^(updated|created|wrote|moved) /m);
  });

  test(`migrate --db --dry-run says "would update" and leaves the database as it was (${name})`, opts, async () => {
    const dir = copy();
    const db = join(dir, '..', 'dm.db');
    assert.equal((await runCli(['init-db', '--config', dir, '--db', db])).code, 0);
    const before = readFileSync(db);
    const r = await runCli(['migrate', '--db', db, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /would be migrated into 1 slot\(s\); the blob would be cleared/);
    assert.match(r.stdout, /^would update .*dm\.db\ndry run: nothing written\n$/m);
    assert.doesNotMatch(r.stdout, /^updated /m);
    assert.ok(readFileSync(db).equals(before));
  });

  test(`migrate --dry-run --diff shows the cleared blob with only its passwords masked (${name})`, opts, async () => {
    const dir = copy();
    const path = join(dir, 'standardized/InternalCtrlr.json');
    const password = 'blob-pass-0123456789';
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        '\\"securityProfile\\": 1}}]',
        `\\"securityProfile\\": 1, \\"basicAuthPassword\\": \\"${password}\\"}}]`,
      ),
    );
    const r = await runCli(['migrate', '-c', dir, '--dry-run', '--diff']);
    assert.equal(r.code, 0, r.stderr);
    const removed = r.stdout.split('\n').find((l) => l.startsWith('-') && l.includes('configurationSlot'));
    assert.ok(removed, r.stdout);
    // the rest of the blob stays readable: the user sees what is cleared
    assert.match(removed, /\\"ocppCsmsUrl\\":\\"ws:\/\/localhost:9000\\"/);
    assert.match(removed, /\\"securityProfile\\":1/);
    assert.match(removed, /\\"basicAuthPassword\\":\\"\(secret, 20 characters\)\\"/);
    assert.match(r.stdout, /^\+\s+"value": ""$/m);
    assert.ok(!(r.stdout + r.stderr).includes(password));
  });
}

test('migrate of the legacy libocpp config creates slot 1, clears the blob, and leaves no new validate error', needsReference, async () => {
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

test('migrate of a tree with no slot file yet creates slot 1, clears the blob, and leaves no new validate error', async () => {
  const dir = legacyBlobCopy();
  rmSync(join(dir, 'standardized/NetworkConfiguration_1.json'));
  const errorsBefore = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout).summary.errors;
  const r = await runCli(['migrate', '-c', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created .*standardized\/NetworkConfiguration_1\.json/);
  const slot = JSON.parse(readFileSync(join(dir, 'standardized/NetworkConfiguration_1.json'), 'utf8'));
  assert.equal(slot.properties.OcppCsmsUrl.attributes[0].value, 'ws://localhost:9000');
  const internal = JSON.parse(readFileSync(join(dir, 'standardized/InternalCtrlr.json'), 'utf8'));
  assert.equal(internal.properties.NetworkConnectionProfiles.attributes[0].value, '');
  const errorsAfter = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout).summary.errors;
  assert.ok(errorsAfter <= errorsBefore, `${errorsBefore} errors before, ${errorsAfter} after`);
  const again = await runCli(['migrate', '-c', dir]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /is empty; nothing to migrate/);
});
