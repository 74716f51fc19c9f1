import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { runCli } from '../support/cli.js';
import { copyConfig, migratedCopy } from '../slots/config-copy.js';

const SECRET = 'slot-three-password-42';

async function threeSlots() {
  const dir = await migratedCopy();
  const r = await runCli(['add-slot', '-c', dir, '--url', 'ws://backup.example:9000/ocpp', '--security-profile', '1', '--identity', 'cs-3', '--password-env', 'PW'], {
    env: { PW: SECRET },
  });
  assert.equal(r.code, 0, r.stderr);
  return dir;
}

test('slots lists every slot with its priority position, identity source and usability, never a password', needsReference, async () => {
  const dir = await threeSlots();
  const r = await runCli(['slots', '-c', 'component_config'], { cwd: dirname(dir) });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^SLOT\s+PRIO\s+URL\s+SP\s+INTERFACE\s+TRANSPORT\s+TIMEOUT\s+IDENTITY\s+PASSWORD\s+USABLE$/);
  assert.match(lines[1], /^1\s+1\s+ws:\/\/localhost:9000\s+1\s+Wired0\s+JSON\s+30s\s+cp001 \(slot\)\s+yes \(slot\)\s+yes$/);
  assert.match(lines[2], /^2\s+-\s+-\s+-\s+-\s+-\s+-\s+cp001 \(SecurityCtrlr\)\s+yes \(SecurityCtrlr\)\s+no: OcppCsmsUrl has no value$/);
  assert.match(lines[3], /^3\s+2\s+ws:\/\/backup\.example:9000\/ocpp\s+1\s+Any\s+JSON\s+30s\s+cs-3 \(slot\)\s+yes \(slot\)\s+yes$/);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  assert.doesNotMatch(r.stdout + r.stderr, /DEADBEEF/);
});

test("on EVerest's shipped config slots shows slot 1 empty and points at the pending legacy blob", needsReference, async () => {
  const dir = copyConfig('everest-component-config');
  const r = await runCli(['slots', '-c', dir]);
  assert.match(r.stdout.split('\n')[1], /^1\s+1\s+\(empty\)\s+1\s+Wired0\s+JSON\s+60s\s+cp001 \(SecurityCtrlr\)\s+yes \(SecurityCtrlr\)\s+no: OcppCsmsUrl is empty$/);
  assert.match(r.stderr, /NetworkConnectionProfiles still holds legacy profiles.*ocppctl migrate --dry-run/);
});

test('slots --json gives the same facts for scripts', needsReference, async () => {
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
  });
  assert.equal(rows[1].usable, false);
  assert.doesNotMatch(r.stdout, new RegExp(SECRET));
});

test('slots hides user:password@ written into a slot URL, in the table and in --json', needsReference, async () => {
  const dir = await migratedCopy();
  const { readFileSync, writeFileSync } = await import('node:fs');
  const file = `${dir}/standardized/NetworkConfiguration_1.json`;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.properties.OcppCsmsUrl.attributes[0].value = 'ws://admin:Url-secret-77@localhost:9000';
  writeFileSync(file, JSON.stringify(json, null, 2));
  for (const args of [['slots', '-c', dir], ['slots', '-c', dir, '--json']]) {
    const r = await runCli(args);
    assert.doesNotMatch(r.stdout + r.stderr, /Url-secret-77/);
    assert.match(r.stdout, /ws:\/\/\*\*\*@localhost:9000/);
  }
});
