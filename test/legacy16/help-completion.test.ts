import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

test('ocppctl help migrate documents --from-16 and its options with an example', async () => {
  const r = await runCli(['help', 'migrate']);
  assert.equal(r.code, 0, r.stderr);
  for (const flag of ['--from-16 <config.json>', '--user-config <user.json>', '--mappings <mappings.yaml>', '--slot <n>'])
    assert.ok(r.stdout.includes(flag), flag);
  assert.match(r.stdout, /\$ ocppctl migrate --from-16 /);
});

test('--user-config without --from-16 and a bad --slot are usage errors', async () => {
  assert.equal((await runCli(['migrate', '--user-config', 'u.json'])).code, 2);
  const r = await runCli(['migrate', '--from-16', 'c.json', '--slot', 'two']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--slot two: expected a slot number/);
});

test('bash completes files for migrate --from-16 and --mappings', async () => {
  const script = await runCli(['completion', 'bash']);
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-from16-completion-'));
  writeFileSync(join(dir, 'ocpp.sh'), script.stdout);
  writeFileSync(join(dir, 'config16.json'), '{}');
  const complete = (words: string[]) => {
    const body = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _ocppctl_completions; printf "%s\\n" "${COMPREPLY[@]}"';
    const r = spawnSync('bash', ['-c', body, 'bash', join(dir, 'ocpp.sh'), ...words], { encoding: 'utf8', cwd: dir });
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(complete(['ocppctl', 'migrate', '--from-16', 'config1']), ['config16.json']);
  assert.deepEqual(complete(['ocppctl', 'migrate', '--mappings', 'config1']), ['config16.json']);
});
