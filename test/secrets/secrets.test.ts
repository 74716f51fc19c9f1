import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { BIN, ROOT, fixture } from '../support/paths.js';

// Every password-like value written in a fixture: BasicAuthPassword attributes and defaults, and the
// basicAuthPassword fields of legacy NetworkConnectionProfiles blobs (a JSON text inside a JSON string)
function secretsIn(value: unknown, out: Set<string>, inPassword = false) {
  if (typeof value === 'string') {
    if (inPassword) out.add(value);
    const t = value.trim();
    if (t.startsWith('[') || t.startsWith('{')) {
      try {
        secretsIn(JSON.parse(t), out);
      } catch {
        /* not JSON: an ordinary string */
      }
    }
  } else if (typeof value === 'number' && inPassword) out.add(String(value));
  else if (Array.isArray(value)) value.forEach((v) => secretsIn(v, out, inPassword));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const passwordVariable = o.variable_name === 'BasicAuthPassword';
    for (const [k, v] of Object.entries(o)) {
      const isPassword =
        /password/i.test(k) || (passwordVariable && (k === 'attributes' || k === 'default')) || (inPassword && k === 'value');
      secretsIn(v, out, isPassword);
    }
  }
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) jsonFiles(path, out);
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function fixtureSecrets(): Set<string> {
  const found = new Set<string>();
  for (const file of jsonFiles(fixture())) {
    const text = readFileSync(file, 'utf8');
    try {
      secretsIn(JSON.parse(text), found);
    } catch {
      for (const m of text.matchAll(/[Pp]assword\\?"\s*:\s*\\?"([^"\\]+)/g)) found.add(m[1]);
    }
  }
  // short values ("", "x", "secret") also occur in ordinary words and messages; the fixtures' real secrets are longer
  return new Set([...found].filter((s) => s.length >= 8));
}

const PLANTED = {
  security: 'Sec-Ctrlr-pw-4711-abcdefgh',
  slot: 'Slot1-pw-0815-zyxwvutsrq',
  blob: 'Blob-pw-2222-legacyprofile',
  short: 'tiny-pw-77',
  number: 987654321098765,
};

function setPassword(file: string, value: unknown) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const v = doc.properties.BasicAuthPassword;
  v.attributes = [{ type: 'Actual', mutability: 'WriteOnly', value }];
  writeFileSync(file, JSON.stringify(doc, null, 2));
}

/** The shipped config with passwords planted in every place and form a station file can hold one. */
function plantedTree(variant: 'strings' | 'odd'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-secrets-'));
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  const std = (n: string) => join(dir, 'standardized', n);
  setPassword(std('SecurityCtrlr.json'), variant === 'strings' ? PLANTED.security : PLANTED.number);
  if (existsSync(std('NetworkConfiguration_1.json')))
    setPassword(std('NetworkConfiguration_1.json'), variant === 'strings' ? PLANTED.slot : PLANTED.short);
  const internal = JSON.parse(readFileSync(std('InternalCtrlr.json'), 'utf8'));
  const blob = [
    {
      configurationSlot: 3,
      connectionData: {
        ocppCsmsUrl: 'ws://127.0.0.1:9/ocpp',
        securityProfile: 1,
        ocppInterface: 'Wired0',
        ocppTransport: 'JSON',
        messageTimeout: 30,
        ocppVersion: 'OCPP20',
        basicAuthPassword: PLANTED.blob,
      },
    },
  ];
  internal.properties.NetworkConnectionProfiles.attributes[0].value = JSON.stringify(blob);
  writeFileSync(std('InternalCtrlr.json'), JSON.stringify(internal, null, 2));
  return dir;
}

function assertNoSecret(secrets: Iterable<string>, label: string, output: string) {
  for (const s of secrets) assert.ok(!output.includes(s), `${label} printed the secret ${s.slice(0, 3)}… (${s.length} characters)`);
}

test('the fixtures hold passwords to look for', () => {
  assert.ok(fixtureSecrets().size > 0);
});

test('validate prints no fixture password in any format or target', async () => {
  const secrets = fixtureSecrets();
  const roots = jsonFiles(fixture())
    .map((f) => f.slice(0, f.lastIndexOf('/standardized/')))
    .filter((r, i, all) => !r.endsWith('.json') && r !== '' && all.indexOf(r) === i && existsSync(join(r, 'standardized')));
  assert.ok(roots.length > 0);
  for (const format of ['stylish', 'json', 'sarif', 'github'])
    for (const target of ['libocpp', 'spec-2.0.1']) {
      const r = await runCli(['validate', ...roots, '--format', format, '--target', target, '--workers', '1']);
      assertNoSecret(secrets, `validate --format ${format} --target ${target}`, r.stdout + r.stderr);
    }
});

test('validate, slots, migrate --dry-run --diff and init-db --plan print none of the planted passwords', async () => {
  const all = Object.values(PLANTED).map(String);
  for (const variant of ['strings', 'odd'] as const) {
    const dir = plantedTree(variant);
    const runs: string[][] = [
      ['validate', dir, '--format', 'json'],
      ['validate', dir],
      ['validate', dir, '--target', 'spec-2.1', '--format', 'sarif'],
      ['slots', '-c', dir],
      ['slots', '-c', dir, '--json'],
      ['migrate', '-c', dir, '--dry-run'],
      ['init-db', '-c', dir, '--db', join(dir, 'plan.db'), '--plan'],
    ];
    for (const args of runs) {
      const r = await runCli(args);
      assertNoSecret(all, args.join(' '), r.stdout + r.stderr);
    }
  }
});

// Found by this test: the diff's removed line showed the whole legacy blob, basicAuthPassword included.
test('migrate --dry-run --diff prints no password of the legacy blob', async () => {
  const r = await runCli(['migrate', '-c', plantedTree('strings'), '--dry-run', '--diff']);
  assertNoSecret([PLANTED.blob, PLANTED.slot, PLANTED.security], 'migrate --dry-run --diff', r.stdout + r.stderr);
});

test('the executable in verbose connect mode prints neither the slot password nor the one from --password-env', () => {
  const dir = plantedTree('strings');
  const r = spawnSync(
    process.execPath,
    [BIN, 'connect', '-c', dir, '--url', 'ws://127.0.0.1:9/ocpp', '--password-env', 'OCPP_PW', '--timeout', '3', '-v'],
    {
      encoding: 'utf8',
      env: { ...process.env, OCPP_PW: 'Env-pw-31337-fromenvironment' },
      timeout: 30_000,
    },
  );
  assertNoSecret([...Object.values(PLANTED).map(String), 'Env-pw-31337-fromenvironment'], 'connect -v', r.stdout + r.stderr);
});
