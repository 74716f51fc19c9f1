import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initArgs, runCli } from '../support/cli.js';
import { stationCopy } from '../support/port-a-trees.js';
import { holdsSecret, writeAtomic } from '../../src/files/index.js';

const PASSWORD = 'correct-horse-battery-staple';
const asRoot = process.getuid?.() === 0;
// an owner that is neither root nor the user running the tests
const STATION = { uid: 4321, gid: 4322 };
const mode = (p: string) => statSync(p).mode & 0o7777;
const plainMode = 0o666 & ~process.umask();
// add-slot edits OCPPCommCtrlr.json: slot 3 joins NetworkConfigurationPriority ("1" becomes "1,3")
const edit = (dir: string) => runCli(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1']);

test('an edited component file keeps its mode, and its owner when ocppctl runs as root', async (t) => {
  const dir = await stationCopy();
  const file = join(dir, 'standardized/OCPPCommCtrlr.json');
  chmodSync(file, 0o640);
  if (asRoot) chownSync(file, STATION.uid, STATION.gid);
  const r = await edit(dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(file, 'utf8'), /"1,3"/);
  assert.equal(mode(file).toString(8), '640');
  if (asRoot) assert.deepEqual({ uid: statSync(file).uid, gid: statSync(file).gid }, STATION);
  else t.diagnostic('not root: the owner part is skipped (only root may give a file to another user)');
});

test('a new slot file holding a password is created 0600, one without a password with the usual mode; as root, owned like its folder', async (t) => {
  const dir = await stationCopy();
  if (asRoot) chownSync(join(dir, 'standardized'), STATION.uid, STATION.gid);
  const withPw = await runCli(
    ['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1', '--password-env', 'PW'],
    { env: { PW: PASSWORD } },
  );
  assert.equal(withPw.code, 0, withPw.stderr);
  const secret = join(dir, 'standardized/NetworkConfiguration_3.json');
  assert.match(readFileSync(secret, 'utf8'), /BasicAuthPassword/);
  assert.equal(mode(secret).toString(8), '600');
  const without = await runCli(['add-slot', '-c', dir, '--url', 'ws://csms.example.com', '--security-profile', '1']);
  assert.equal(without.code, 0, without.stderr);
  const plain = join(dir, 'standardized/NetworkConfiguration_4.json');
  assert.equal(mode(plain).toString(8), plainMode.toString(8));
  if (asRoot) {
    // root ran ocppctl for a station that runs as its own user: the station can still read its new slot
    for (const f of [secret, plain]) assert.deepEqual({ uid: statSync(f).uid, gid: statSync(f).gid }, STATION, f);
  } else t.diagnostic('not root: the owner part is skipped');
});

test('init creates the file holding BasicAuthPassword 0600 and the others with the usual mode', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-init-')), 'cfg');
  const args = initArgs(dir, '--minimal', '--password-env', 'PW');
  const r = await runCli(args, { env: { PW: PASSWORD } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(mode(join(dir, 'standardized/SecurityCtrlr.json')).toString(8), '600');
  assert.equal(mode(join(dir, 'standardized/OCPPCommCtrlr.json')).toString(8), plainMode.toString(8));
});

test('a component file that is a symbolic link inside the tree is written through: the link stays, its target changes', async () => {
  const dir = await stationCopy();
  const link = join(dir, 'standardized/OCPPCommCtrlr.json');
  mkdirSync(join(dir, 'shared'));
  const target = join(dir, 'shared/OCPPCommCtrlr.json');
  renameSync(link, target);
  chmodSync(target, 0o600);
  symlinkSync('../shared/OCPPCommCtrlr.json', link);
  const r = await edit(dir);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link was replaced by a copy');
  assert.match(readFileSync(target, 'utf8'), /"1,3"/);
  assert.equal(mode(target).toString(8), '600');
  // and an interrupted-change check afterwards finds nothing left in either folder
  assert.equal((await runCli(['set-priority', '3,1', '-c', dir])).code, 0);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.match(readFileSync(target, 'utf8'), /"3,1"/);
});

test('a component file that is a symbolic link out of the tree is refused, and neither link nor target changes', async () => {
  const dir = await stationCopy();
  const link = join(dir, 'standardized/OCPPCommCtrlr.json');
  const outside = join(mkdtempSync(join(tmpdir(), 'ocppctl-outside-')), 'OCPPCommCtrlr.json');
  renameSync(link, outside);
  symlinkSync(outside, link);
  const before = readFileSync(outside, 'utf8');
  const r = await edit(dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /standardized\/OCPPCommCtrlr\.json is a symbolic link to .*OCPPCommCtrlr\.json, outside .*; ocppctl writes through links only inside the tree/,
  );
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(outside, 'utf8'), before);
});

test('writeAtomic keeps the mode of the file it replaces and makes a new secret file 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-atomic-'));
  const kept = join(dir, 'kept.json');
  writeFileSync(kept, 'old\n');
  chmodSync(kept, 0o604);
  await writeAtomic(kept, 'new\n');
  assert.equal(mode(kept).toString(8), '604');
  await writeAtomic(join(dir, 'secret.json'), 'x', { secret: true });
  assert.equal(mode(join(dir, 'secret.json')).toString(8), '600');
});

test('holdsSecret spots filled secret variables and the legacy blob, not empty ones', () => {
  const file = (props: object) => JSON.stringify({ name: 'X', properties: props });
  assert.equal(holdsSecret(file({ BasicAuthPassword: { attributes: [{ type: 'Actual', value: 'abc' }] } })), true);
  assert.equal(holdsSecret(file({ VpnKey: { variable_name: 'VpnKey', attributes: [{ value: 'k' }] } })), true);
  assert.equal(holdsSecret(file({ NetworkConnectionProfiles: { attributes: [{ value: '[{"x":1}]' }] } })), true);
  assert.equal(holdsSecret(file({ BasicAuthPassword: { attributes: [{ type: 'Actual', value: '' }] } })), false);
  assert.equal(holdsSecret(file({ BasicAuthPassword: { attributes: [{ type: 'Actual' }] } })), false);
  assert.equal(holdsSecret(file({ OcppCsmsUrl: { attributes: [{ value: 'ws://x' }] } })), false);
});
