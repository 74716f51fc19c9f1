import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { BIN, REFERENCE, ROOT, fixture, needsReference } from '../support/paths.js';

test('--version prints the package version and exits 0', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('a mistyped command exits 2 and suggests the right one', async () => {
  const r = await runCli(['valdate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Did you mean validate\?/);
});

test('help <command> shows the command usage with examples', async () => {
  const r = await runCli(['help', 'validate']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: ocppctl validate/);
  assert.match(r.stdout, /Examples:/);
});

test('a missing config folder exits 2 with one clear line and no stack trace', async () => {
  const r = await runCli(['validate', 'does-not-exist'], { cwd: ROOT });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'ocppctl: no component_config folder at does-not-exist\n');
});

test('an unknown option value is a usage error (exit 2)', async () => {
  const r = await runCli(['validate', '--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Allowed choices are stylish, json, sarif, github/);
});

test("the executable validates EVerest's shipped config with exit 0", needsReference, () => {
  const r = spawnSync(process.execPath, [BIN, 'validate', `${REFERENCE}/everest-component-config`, '--format', 'json'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).summary.errors, 0);
});

test("the executable validates the repository's shipped config with exit 0", () => {
  const r = spawnSync(process.execPath, [BIN, 'validate', join(ROOT, 'component_config'), '--format', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).summary.errors, 0);
});

test('NO_COLOR and --no-color turn colours off; FORCE_COLOR turns them on', async () => {
  // a tree with findings, so the report has something to colour
  const dir = fixture('broken', 'value-limits', 'component_config');
  const forced = await runCli(['validate', dir], { env: { FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\u001b\[/);
  const off = await runCli(['--no-color', 'validate', dir], { env: { FORCE_COLOR: '1' } });
  assert.doesNotMatch(off.stdout, /\u001b\[/);
  const noColor = await runCli(['validate', dir], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.doesNotMatch(noColor.stdout, /\u001b\[/);
});

test('the command table names each command as it registers itself, so a run can build just its own', async () => {
  const { Command } = await import('commander');
  const { commands } = await import('../../src/cli/commands/index.js');
  for (const [name, register] of commands) {
    const program = new Command('ocppctl');
    register(program, {
      io: { cwd: '.', env: {}, stdout: { write() {} }, stderr: { write() {} }, stdoutIsTTY: false, interactive: false },
      version: '0',
      exitCode: 0,
    });
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      [name],
    );
  }
});

test('a run naming one command still lists every command in help and suggests across all of them', async () => {
  const help = await runCli(['--help']);
  for (const name of ['validate', 'init-db', 'completion', 'csms']) assert.match(help.stdout, new RegExp(`\\n  ${name} `));
  const sub = await runCli(['help', 'init-db']);
  assert.match(sub.stdout, /Usage: ocppctl init-db/);
  const typo = await runCli(['init-bd']);
  assert.match(typo.stderr, /Did you mean init-db\?/);
});

test('a missing command is a usage error: help on stderr, exit 2; asking for help exits 0', async () => {
  for (const args of [[], ['db']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `ocppctl ${args.join(' ')}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Usage: ocppctl/);
  }
  for (const args of [['help'], ['help', 'db'], ['db', '--help'], ['--help']]) {
    const r = await runCli(args);
    assert.equal(r.code, 0, `ocppctl ${args.join(' ')}`);
    assert.match(r.stdout, /^Usage: ocppctl/);
  }
});
