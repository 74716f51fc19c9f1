// Build step after scripts/bundle.mjs: makes the V8 code caches that bin/ocppctl hands to V8 with
// dist/bundle/app.cjs (see src/cli/launch.cts). A cache is made by loading the bundle, running commands on the
// shipped component_config in a scratch folder, so that V8 compiles what they use, and saving the compiled code:
// one cache from all the typical commands, and one for each kind of run in TRAINED_KINDS from its own runs only
// (each in a process of its own, so that nothing else is compiled into it). A cache belongs to the V8 that made
// it and to the bundle's exact text; this step runs after every bundling and replaces every older cache.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { APP_BUNDLE, TRAINED_KINDS, buildOf, codeCacheFile, loadApp, runKindOf } = createRequire(import.meta.url)(
  '../dist/src/cli/launch.cjs',
);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = [
  ['validate', 'component_config'],
  ['validate', 'component_config', '--format', 'json'],
  ['validate', 'component_config', '--format', 'sarif'],
  ['validate', 'component_config', '--format', 'github'],
  ['validate', 'component_config', '--target', 'spec-2.1'],
  // an EVerest config wiring the shipped component config (written below); its findings may exit 1
  ['validate', 'component_config', '--everest-config', 'everest.yaml'],
  ['init-db', '--config', 'component_config', '--db', 'device_model.db'],
  ['init-db', '--config', 'component_config', '--db', 'device_model.db'],
  ['init-db', '--config', 'component_config', '--db', 'device_model.db', '--plan'],
  ['slots'],
  ['slots', '--json'],
  ['--help'],
  ['help', 'validate'],
];

const command = process.argv[2];
if (command === undefined) {
  for (const name of readdirSync(dirname(APP_BUNDLE))) if (/\.cache(\.tmp)?$/.test(name)) rmSync(join(dirname(APP_BUNDLE), name));
  for (const group of ['', ...TRAINED_KINDS]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), group], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
} else {
  await train(command);
}

/** Runs the typical runs of one kind (runKindOf; '' for all of them) on a fresh bundle and saves its code cache. */
async function train(kind) {
  const scratch = mkdtempSync(join(tmpdir(), 'ocppctl-train-'));
  try {
    cpSync(join(root, 'component_config'), join(scratch, 'component_config'), { recursive: true });
    writeFileSync(
      join(scratch, 'everest.yaml'),
      // the YAML styles EVerest's configs use (comments, quoted and flow values, an anchor), so that V8 compiles the
      // parser's paths for them
      'settings:\n  telemetry_enabled: false # off\nactive_modules:\n  evse_manager_1:\n    module: EvseManager\n    mapping: {module: {evse: 1}}\n' +
        '    config_module: &em\n      connector_id: 1\n      evse_id: "1"\n      connector_type: \'cType2\'\n      max_current_import_A: 32.5\n' +
        '  ocpp:\n    module: OCPP201\n    config_module:\n      MessageLogPath: /var/log/everest/ocpp\n    connections:\n      evse_manager:\n' +
        '        - module_id: evse_manager_1\n          implementation_id: evse\n      system: [{module_id: evse_manager_1, implementation_id: evse}]\n' +
        'x-module-layout:\n  ocpp:\n    position: {x: 1, y: -2}\n',
    );
    const { app, script } = loadApp({ compile: true });
    let errors = '';
    const io = {
      cwd: scratch,
      env: {},
      stdout: { write: () => true },
      stderr: { write: (text) => (errors += text) },
      stdoutIsTTY: false,
      interactive: false,
    };
    for (const argv of RUNS.filter((r) => kind === '' || runKindOf(r) === kind)) {
      errors = '';
      const code = await app.run(argv, io);
      if (code !== 0 && !(code === 1 && argv.includes('--everest-config')))
        throw new Error(`training run \`ocppctl ${argv.join(' ')}\` exited with ${code}: ${errors}`);
    }
    // temp file and rename: a build stopped half-way leaves no half-written cache
    const file = codeCacheFile(APP_BUNDLE, buildOf(readFileSync(APP_BUNDLE, 'latin1')), kind || undefined);
    writeFileSync(`${file}.tmp`, script.createCachedData());
    renameSync(`${file}.tmp`, file);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
