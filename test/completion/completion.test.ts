import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node-pty';
import { runCli } from '../support/cli.js';

const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

async function scriptFile(shell: string): Promise<{ path: string; text: string; cleanup: () => void }> {
  const r = await runCli(['completion', shell]);
  assert.equal(r.code, 0, r.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-completion-'));
  const path = join(dir, `ocppctl.${shell}`);
  writeFileSync(path, r.stdout);
  return { path, text: r.stdout, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the generated bash completion function in a real bash, as readline would for these words. */
function bashComplete(script: string, words: string[], cwd?: string): string[] {
  const body = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _ocppctl_completions; printf "%s\\n" "${COMPREPLY[@]}"';
  const r = spawnSync('bash', ['-c', body, 'bash', script, ...words], { encoding: 'utf8', cwd });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout.split('\n').filter(Boolean);
}

test('completion with an unknown shell is a usage error', async () => {
  const r = await runCli(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Allowed choices are bash, zsh, fish/);
});

test('the bash script is valid bash', async () => {
  const { path, cleanup } = await scriptFile('bash');
  try {
    const r = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  } finally {
    cleanup();
  }
});

test('bash completes every command of the program, including help and completion itself', async () => {
  const { path, cleanup } = await scriptFile('bash');
  try {
    const help = await runCli(['--help']);
    const listed = [...help.stdout.split('Commands:')[1].matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]);
    assert.ok(listed.includes('validate') && listed.includes('completion') && listed.includes('help'), help.stdout);
    assert.deepEqual(bashComplete(path, ['ocppctl', '']).sort(), [...listed].sort());
    assert.deepEqual(bashComplete(path, ['ocppctl', 'val']), ['validate']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'help', 'in']), ['init', 'init-db']);
  } finally {
    cleanup();
  }
});

test('bash completes options and their choices, with a space or an equals sign', async () => {
  const { path, cleanup } = await scriptFile('bash');
  try {
    assert.deepEqual(bashComplete(path, ['ocppctl', 'validate', '--ta']), ['--target']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'validate', '--target', '']), ['libocpp', 'spec-2.0.1', 'spec-2.1']);
    // bash splits --target=sp into three words
    assert.deepEqual(bashComplete(path, ['ocppctl', 'validate', '--target', '=', 'sp']), ['spec-2.0.1', 'spec-2.1']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'init', '--current', '']), ['AC', 'DC']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'connect', '--ocpp', '']).sort(), ['1.6', '2.0.1', '2.1']);
    assert.deepEqual(bashComplete(path, ['ocppctl', '--no-color', 'init-db', '--no']), ['--no-legacy-ctrlr']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'validate', '--rule', 'slot-mi']), ['slot-missing']);
    // a free value (a URL) gets no candidates rather than file names
    assert.deepEqual(bashComplete(path, ['ocppctl', 'add-slot', '--url', '']), []);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'pn']), ['pnc']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'pnc', '--ce']), ['--certs']);
  } finally {
    cleanup();
  }
});

test('bash completes explain with component and variable names from the OCPP catalog', async () => {
  const { path, cleanup } = await scriptFile('bash');
  try {
    assert.deepEqual(bashComplete(path, ['ocppctl', 'explain', 'OCPPCommCtrlr.Heart']), ['OCPPCommCtrlr.HeartbeatInterval']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'explain', 'HeartbeatInt']), ['HeartbeatInterval']);
    assert.ok(bashComplete(path, ['ocppctl', 'explain', 'OCPPComm']).includes('OCPPCommCtrlr'));
    // the folder after -c is an option value, not the name, so the name is still the first argument
    assert.deepEqual(bashComplete(path, ['ocppctl', 'explain', '-c', 'component_config', 'SecurityCtrlr.BasicAuthP']), [
      'SecurityCtrlr.BasicAuthPassword',
    ]);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'explain', 'spec-required']), ['spec-required-variable']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'explain', 'EVSE', '']), []);
  } finally {
    cleanup();
  }
});

test('bash completes folders for --config and positional DIRs, files for --db', async () => {
  const { path, cleanup } = await scriptFile('bash');
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-completion-cwd-'));
  try {
    mkdirSync(join(cwd, 'config-a'));
    writeFileSync(join(cwd, 'config.db'), '');
    assert.deepEqual(bashComplete(path, ['ocppctl', 'slots', '--config', 'con'], cwd), ['config-a']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'validate', 'con'], cwd), ['config-a']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'validate', 'config-a', 'con'], cwd), ['config-a']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'init-db', '--db', 'config.'], cwd), ['config.db']);
  } finally {
    cleanup();
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('bash completes nested commands: db offers export and diff, and db export its own options and values', async () => {
  const { path, cleanup } = await scriptFile('bash');
  const cwd = mkdtempSync(join(tmpdir(), 'ocppctl-completion-cwd-'));
  try {
    mkdirSync(join(cwd, 'out-folder'));
    writeFileSync(join(cwd, 'station.db'), '');
    writeFileSync(join(cwd, 'out-file'), '');
    assert.deepEqual(bashComplete(path, ['ocppctl', 'db', '']).sort(), ['diff', 'export']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'db', 'di']), ['diff']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'db', 'ex']), ['export']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'db', 'export', '--']).sort(), [
      '--db',
      '--help',
      '--include-secrets',
      '--like',
      '--out',
    ]);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'db', 'export', '--db', 'stat'], cwd), ['station.db']);
    assert.deepEqual(bashComplete(path, ['ocppctl', 'db', 'export', '--db', 'station.db', '--out', 'out'], cwd), ['out-folder']);
    // the value of an earlier option does not count as the subcommand
    assert.deepEqual(bashComplete(path, ['ocppctl', '--no-color', 'db', 'export', '--o']), ['--out']);
  } finally {
    cleanup();
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('zsh and fish scripts name the nested command and its options', async () => {
  const zsh = (await scriptFile('zsh')).text;
  assert.match(zsh, /db\) _arguments -C .*'1: :->sub'/);
  assert.match(zsh, /subs=\('export:[^']*' 'diff:[^']*'\)/);
  assert.match(zsh, /export\) _arguments '--db=\[[^\]]*\]:db:_files'/);
  const fish = (await scriptFile('fish')).text;
  assert.match(fish, /-n '__fish_seen_subcommand_from db; and not __fish_seen_subcommand_from export diff' -a 'export'/);
  assert.match(fish, /-n '__fish_seen_subcommand_from db; and __fish_seen_subcommand_from export' -l db -r -F/);
});

test(
  'the fish script parses and completes commands, choices and catalog names',
  { skip: !hasShell('fish') && 'fish is not installed' },
  async () => {
    const { path, cleanup } = await scriptFile('fish');
    try {
      const syntax = spawnSync('fish', ['-n', path], { encoding: 'utf8' });
      assert.equal(syntax.status, 0, syntax.stderr);
      const complete = (line: string) => {
        const r = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', path, line], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        return r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0]);
      };
      assert.deepEqual(complete('ocppctl val'), ['validate']);
      assert.deepEqual(complete('ocppctl validate --target '), ['libocpp', 'spec-2.0.1', 'spec-2.1']);
      assert.deepEqual(complete('ocppctl explain OCPPCommCtrlr.Heart'), ['OCPPCommCtrlr.HeartbeatInterval']);
      assert.ok(complete('ocppctl init --').includes('--connectors-per-evse'));
    } finally {
      cleanup();
    }
  },
);

test(
  'the zsh script parses and completes a catalog name in an interactive zsh',
  { skip: !hasShell('zsh') && 'zsh is not installed', timeout: 60_000 },
  async () => {
    const { path, cleanup } = await scriptFile('zsh');
    const home = mkdtempSync(join(tmpdir(), 'ocppctl-completion-zsh-'));
    try {
      const syntax = spawnSync('zsh', ['-n', path], { encoding: 'utf8' });
      assert.equal(syntax.status, 0, syntax.stderr);
      const zsh = spawn('zsh', ['-f', '-i'], {
        cols: 200,
        rows: 40,
        cwd: home,
        env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm' },
      });
      let output = '';
      const completed = new Promise<void>((resolve, reject) => {
        zsh.onData((d) => {
          output += d;
          if (output.includes('OCPPCommCtrlr.HeartbeatInterval')) resolve();
        });
        zsh.onExit((e) => reject(new Error(`zsh exited with ${e.exitCode}; output:\n${output}`)));
      });
      zsh.write(`autoload -U compinit; compinit -u -d ${home}/zcompdump; source ${path}\n`);
      zsh.write('ocppctl explain OCPPCommCtrlr.Heart\t');
      try {
        await completed;
      } finally {
        zsh.kill();
      }
    } finally {
      cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  },
);
