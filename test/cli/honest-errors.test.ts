import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initArgs, runCli } from '../support/cli.js';
import { BIN, ROOT } from '../support/paths.js';
import { makeTestPki } from '../../src/csms/index.js';
import { readPemOption } from '../../src/cli/pem-option.js';
import { environmentError } from '../../src/cli/environment-error.js';

const ENV = { PW: 'honest-errors-password-1' };
const scratch = () => {
  // the unprivileged user of the read-only tests must reach the folder (the test runner's TMPDIR is 0700)
  const top = tmpdir();
  const mode = statSync(top).mode & 0o7777;
  if ((mode & 0o011) !== 0o011) chmodSync(top, mode | 0o011);
  const dir = mkdtempSync(join(top, 'ocppctl-honest-'));
  chmodSync(dir, 0o755);
  return dir;
};
async function initTree(...extra: string[]): Promise<string> {
  const dir = join(scratch(), 'component_config');
  const r = await runCli(
    ['init', dir, '--ocpp', '2.0.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC', '--password-env', 'PW', ...extra],
    { env: ENV },
  );
  assert.equal(r.code, 0, r.stderr);
  return dir;
}
const noInternalError = (r: { stderr: string }) => assert.doesNotMatch(r.stderr, /internal error|report it|\n\s+at /);

test('help reaches nested commands; an unknown topic is an unknown command (exit 2)', async () => {
  const nested = await runCli(['help', 'db', 'export']);
  assert.equal(nested.code, 0, nested.stderr);
  assert.match(nested.stdout, /^Usage: ocppctl db export \[options\]/);
  assert.match(nested.stdout, /--out <dir>/);
  const parent = await runCli(['help', 'db']);
  assert.equal(parent.code, 0);
  assert.match(parent.stdout, /^Usage: ocppctl db/);
  assert.match(parent.stdout, /export/);
  for (const [args, text] of [
    [['help', 'nosuch'], 'ocppctl: unknown command "nosuch"; ocppctl help lists the commands\n'],
    [['help', 'db', 'nosuch'], 'ocppctl: unknown command "db nosuch"; ocppctl help db lists the commands\n'],
  ] as const) {
    const r = await runCli([...args]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, text);
    assert.equal(r.stdout, '');
  }
  const typo = await runCli(['help', 'valdate']);
  assert.equal(typo.code, 2);
  assert.equal(typo.stderr, 'ocppctl: unknown command "valdate" (did you mean validate?); ocppctl help lists the commands\n');
  assert.equal((await runCli(['help'])).code, 0);
});

test("an unknown option points at that command's own help, nested commands included", async () => {
  const r = await runCli(['validate', '--verbos']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--verbos'/);
  assert.match(r.stderr, /\(ocppctl help validate shows its options\)/);
  const nested = await runCli(['db', 'export', '--db', 'x.db', '--out', 'y', '--nope']);
  assert.equal(nested.code, 2);
  assert.match(nested.stderr, /ocppctl help db export shows its options/);
});

test('--password on any command says passwords come only from --password-env, and never echoes the value', async () => {
  for (const args of [
    ['add-slot', '--url', 'ws://x', '--password', 'hunter2-secret'],
    ['connect', '--password=hunter2-secret'],
    ['init', 'x', '--password', 'hunter2-secret'],
    ['csms', '--password', 'hunter2-secret'],
    ['--password', 'hunter2-secret'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^ocppctl: there is no --password option: passwords come only from --password-env VAR/);
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
  }
});

test('explain with no name lists every rule and every command, db export included', async () => {
  const r = await runCli(['explain'], { cwd: scratch() });
  assert.equal(r.code, 0, r.stderr);
  const { rules } = await import('../../src/rules/index.js');
  for (const { id } of rules) assert.match(r.stdout, new RegExp(`^ {2}${id} +(error|warning|info) `, 'm'));
  for (const name of ['validate', 'add-slot', 'migrate', 'connect', 'init-db', 'db export', 'completion'])
    assert.match(r.stdout, new RegExp(`^ {2}${name} {2,}\\S`, 'm'));
});

test('connect: an invalid --url is an input error naming the flag, before any dialling', async () => {
  const dir = await initTree();
  for (const url of ['ws://[bad', 'ftp://csms.example.com', 'ws://host:99999/']) {
    const r = await runCli(['connect', '-c', dir, '--url', url, '--timeout', '2']);
    assert.equal(r.code, 2, `${url}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^ocppctl: --url "${url.replace(/[[\]/.]/g, '\\$&')}": `));
    assert.equal(r.stdout, '');
  }
  // a well-formed wss:// URL is no usage error: it is dialled (nothing listens on port 9 here)
  const secure = await runCli(['connect', '-c', 'component_config', '--url', 'wss://127.0.0.1:9/ocpp', '--timeout', '2'], { cwd: ROOT });
  assert.notEqual(secure.code, 2, secure.stdout + secure.stderr);
  assert.doesNotMatch(secure.stderr, /does not fit security profile/);
});

test('add-slot and init: a URL the slot cannot use is an input error naming the flag; init picks wss:// for profiles 2 and 3', async () => {
  const dir = await initTree();
  const add = await runCli(['add-slot', '-c', dir, '--url', 'ws://[bad', '--security-profile', '1', '--password-env', 'PW'], { env: ENV });
  assert.equal(add.code, 2);
  assert.match(add.stderr, /^ocppctl: not a URL/);
  const base = scratch();
  const initIn = (name: string, ...extra: string[]) => initArgs(join(base, name), ...extra);
  for (const [extra, message] of [
    [['--csms-url', 'nope nope'], /^ocppctl: --csms-url "nope nope": not a URL/],
    [['--csms-url', 'ftp://csms.example.com'], /the scheme must be ws:\/\/ or wss:\/\//],
    [
      ['--csms-url', 'ws://csms.example.com', '--security-profile', '2'],
      /--csms-url "ws:\/\/csms\.example\.com": security profile 2 needs a wss:\/\/ URL/,
    ],
    [['--identity', 'cp 1'], /^ocppctl: --identity "cp 1": the identity may hold only/],
  ] as const) {
    const r = await runCli(initIn('bad', ...extra));
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.deepEqual(readdirSync(base), [], 'nothing written');
  }
  const secure = await runCli(initIn('secure', '--security-profile', '3'));
  assert.equal(secure.code, 0, secure.stderr);
  const slot = JSON.parse(readFileSync(join(base, 'secure/standardized/NetworkConfiguration_1.json'), 'utf8'));
  assert.equal(slot.properties.OcppCsmsUrl.attributes[0].value, 'wss://localhost:9000');
  const check = JSON.parse((await runCli(['validate', join(base, 'secure'), '-f', 'json'])).stdout);
  assert.equal(check.summary.errors, 0, JSON.stringify(check.diagnostics));
});

test('connect hints name the flag when a flag supplied the value, the slot variable otherwise', async () => {
  const dir = await initTree();
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  const viaFlag = await runCli(['connect', '-c', dir, '--url', `ws://127.0.0.1:${port}/ocpp`, '--timeout', '3', '--json']);
  assert.equal(viaFlag.code, 1, viaFlag.stderr);
  const failure = JSON.parse(viaFlag.stdout).results[0].failure;
  assert.equal(failure.class, 'refused');
  assert.match(failure.hint, /check the port in --url/);
  assert.doesNotMatch(failure.hint, /OcppCsmsUrl/);

  const slot = join(dir, 'standardized/NetworkConfiguration_1.json');
  const doc = JSON.parse(readFileSync(slot, 'utf8'));
  doc.properties.OcppCsmsUrl.attributes[0].value = `ws://127.0.0.1:${port}/ocpp`;
  writeFileSync(slot, JSON.stringify(doc, null, 2));
  const viaSlot = await runCli(['connect', '-c', dir, '--timeout', '3']);
  assert.equal(viaSlot.code, 1);
  assert.match(viaSlot.stdout, /hint: nothing listens there: check the port in OcppCsmsUrl of slot 1/);
});

test('--ca, --cert, --key and the csms TLS files that are not PEM are said at once, naming the flag (exit 2)', async () => {
  const dir = await initTree();
  const files = scratch();
  const pki = await makeTestPki();
  const path = (name: string, text: string) => {
    writeFileSync(join(files, name), text);
    return join(files, name);
  };
  const junk = path('junk.pem', 'this is not a certificate\n');
  const der = path('ca.der', Buffer.from(pki.ca.cert.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('latin1'));
  const broken = path('broken.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  const cert = path('client.pem', pki.client.cert);
  const key = path('client-key.pem', pki.client.key);
  const cases: [string[], RegExp][] = [
    [['connect', '-c', dir, '--ca', junk], /^ocppctl: --ca .*junk\.pem: not a PEM file \(expected a certificate/],
    [['connect', '-c', dir, '--ca', der], /^ocppctl: --ca .*ca\.der: not a PEM file/],
    [['connect', '-c', dir, '--ca', broken], /^ocppctl: --ca .*broken\.pem: not a certificate in PEM form/],
    [
      ['connect', '-c', dir, '--ca', key],
      /^ocppctl: --ca .*client-key\.pem: not a certificate in PEM form \(it holds PRIVATE KEY, not a CERTIFICATE\)/,
    ],
    [
      ['connect', '-c', dir, '--cert', cert, '--key', cert],
      /^ocppctl: --key .*client\.pem: not a private key in PEM form \(it holds CERTIFICATE, not a PRIVATE KEY\)/,
    ],
    [['csms', '--security-profile', '2', '--tls-cert', junk, '--tls-key', key], /^ocppctl: --tls-cert .*junk\.pem: not a PEM file/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stdout + r.stderr, /unknown CA|tls-unknown-ca/);
  }
  const io = { cwd: files, env: {}, stdout: { write() {} }, stderr: { write() {} }, stdoutIsTTY: false, interactive: false };
  assert.equal(readPemOption(io, '--ca', 'client.pem'), pki.client.cert);
  assert.equal(readPemOption(io, '--key', 'client-key.pem'), pki.client.key);
});

/**
 * Runs ocppctl as a user who may not write the tree: as root (where permissions do not bind) as nobody,
 * otherwise as the test's own user on a tree made read-only.
 */
// As root these tests run ocppctl as uid 65534: that user must be able to read the repository (a checkout inside a
// 0700 folder is not), or the tests skip with this one line.
const asNobody =
  process.getuid?.() !== 0 ||
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, require('fs').constants.R_OK)`], {
    uid: 65534,
    gid: 65534,
  }).status === 0
    ? {}
    : { skip: 'uid 65534 cannot read this checkout (a folder above it is not world-readable)' };

function runReadOnly(args: string[], cwd: string) {
  const root = process.getuid?.() === 0;
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...ENV, NO_COLOR: '1' },
    ...(root ? { uid: 65534, gid: 65534 } : {}),
  });
}
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : 'folder']),
  );
function lockDown(dir: string) {
  // files holding a secret are written 0600: the other user must still read them, only not write
  for (const sub of ['standardized', 'custom']) for (const f of readdirSync(join(dir, sub))) chmodSync(join(dir, sub, f), 0o644);
  for (const sub of ['standardized', 'custom']) chmodSync(join(dir, sub), 0o555);
  chmodSync(dir, 0o555);
}

test('a read-only config tree: writing commands exit 2 with a plain message and no success-sounding report', asNobody, async () => {
  const dir = await initTree('--slots', '1');
  // a legacy blob for migrate to move into slot 1, whose URL is still empty
  const internal = join(dir, 'standardized/InternalCtrlr.json');
  const doc = JSON.parse(readFileSync(internal, 'utf8'));
  doc.properties.NetworkConnectionProfiles.attributes[0].value = JSON.stringify([
    {
      configurationSlot: 1,
      connectionData: {
        messageTimeout: 30,
        ocppCsmsUrl: 'ws://old.example.com/ocpp',
        ocppInterface: 'Wired0',
        ocppTransport: 'JSON',
        securityProfile: 1,
      },
    },
  ]);
  writeFileSync(internal, JSON.stringify(doc, null, 2));
  const slot = join(dir, 'standardized/NetworkConfiguration_1.json');
  const s1 = JSON.parse(readFileSync(slot, 'utf8'));
  s1.properties.OcppCsmsUrl.attributes[0].value = '';
  writeFileSync(slot, JSON.stringify(s1, null, 2));
  const before = snapshot(dir);
  lockDown(dir);
  const cwd = join(dir, '..');
  for (const args of [
    ['migrate', '-c', 'component_config'],
    [
      'add-slot',
      '-c',
      'component_config',
      '--url',
      'ws://backup.example.com',
      '--security-profile',
      '1',
      '--password-env',
      'PW',
      '--priority',
      'none',
    ],
  ]) {
    const r = runReadOnly(args, cwd);
    assert.equal(r.status, 2, `${args[0]}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^ocppctl: cannot change component_config: permission denied \(EACCES\); nothing was changed\n$/);
    assert.doesNotMatch(r.stdout, /migrated|cleared|created|updated|added/, 'no report of a change that did not happen');
    noInternalError(r);
  }
  chmodSync(dir, 0o755);
  assert.deepEqual(snapshot(dir), before);
  // --dry-run only reads: it still works on a read-only tree
  lockDown(dir);
  const dry = runReadOnly(['migrate', '-c', 'component_config', '--dry-run'], cwd);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /profile 1 → slot 1/);
});

test('an output folder that cannot be written (db export, init) is an input error (exit 2), not an internal error', asNobody, async () => {
  const dir = await initTree();
  const base = scratch();
  const db = join(base, 'station.db');
  assert.equal((await runCli(['init-db', '-c', dir, '--db', db])).code, 0);
  // the database and its folder stay open to everyone: only the output folder is locked
  chmodSync(db, 0o666);
  chmodSync(base, 0o777);
  const locked = join(base, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const r = runReadOnly(['db', 'export', '--db', db, '--out', join(locked, 'out')], base);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /permission denied/);
  noInternalError(r);

  const init = runReadOnly(['init', 'locked/cc', '--ocpp', '2.0.1', '--evses', '1', '--connectors-per-evse', '1', '--current', 'AC'], base);
  assert.equal(init.status, 2, init.stdout + init.stderr);
  assert.equal(init.stderr, 'ocppctl: cannot write locked/cc: permission denied (EACCES); nothing was written\n');
  assert.equal(init.stdout, '');
  assert.deepEqual(readdirSync(locked), []);

  // a database path in a folder that cannot be written: an input error, however init-db words it
  chmodSync(join(dir, '..'), 0o755);
  const db2 = runReadOnly(['init-db', '-c', dir, '--db', join(locked, 'station.db')], base);
  assert.equal(db2.status, 2, db2.stdout + db2.stderr);
  noInternalError(db2);
  assert.deepEqual(readdirSync(locked), []);
});

test('file-system and SQLite failures read as plain causes; anything else stays an internal error', () => {
  const errno = (code: string, syscall: string, path: string) =>
    Object.assign(new Error(`${code}: x, ${syscall} '${path}'`), { code, syscall, path });
  assert.equal(environmentError(errno('EROFS', 'open', '/ro/x.json')), 'cannot open /ro/x.json: read-only file system (EROFS)');
  assert.equal(environmentError(errno('ENOSPC', 'write', '/full/x')), 'cannot write /full/x: no space left on the device (ENOSPC)');
  assert.equal(
    environmentError(errno('ENAMETOOLONG', 'mkdir', '/a/bbbb')),
    'cannot create the folder /a/bbbb: name too long (ENAMETOOLONG)',
  );
  const sqlite = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
  assert.match(environmentError(sqlite)!, /^the database could not be used: unable to open database file \(SQLITE_CANTOPEN\)/);
  assert.equal(environmentError(new TypeError('x is undefined')), undefined);
  assert.equal(environmentError(Object.assign(new Error('odd'), { code: 'ERR_SOMETHING' })), undefined);
});
