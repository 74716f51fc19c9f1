// Build step after scripts/bundle.mjs: makes the V8 code cache that bin/ocppctl hands to V8 with
// dist/bundle/app.cjs (see src/cli/launch.ts). It loads the bundle, runs the commands whose start-up matters
// (validate in each format, init-db, slots, help) on the shipped component_config in a scratch folder, so that
// V8 has compiled what they use, and saves the compiled code. A cache belongs to the V8 that made it and to the
// bundle's exact text; this step runs after every bundling and replaces any older cache.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const { APP_BUNDLE, codeCacheFile, loadApp } = createRequire(import.meta.url)('../dist/src/cli/launch.cjs');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const name of readdirSync(dirname(APP_BUNDLE))) if (name.endsWith('.cache')) rmSync(join(dirname(APP_BUNDLE), name));

const scratch = mkdtempSync(join(tmpdir(), 'ocppctl-train-'));
try {
  cpSync(join(root, 'component_config'), join(scratch, 'component_config'), { recursive: true });
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
  const runs = [
    ['validate', 'component_config'],
    ['validate', 'component_config', '--format', 'json'],
    ['validate', 'component_config', '--format', 'sarif'],
    ['validate', 'component_config', '--format', 'github'],
    ['validate', 'component_config', '--target', 'spec-2.1'],
    ['init-db', '--config', 'component_config', '--db', 'device_model.db'],
    ['init-db', '--config', 'component_config', '--db', 'device_model.db'],
    ['init-db', '--config', 'component_config', '--db', 'device_model.db', '--plan'],
    ['slots'],
    ['slots', '--json'],
    ['--help'],
    ['help', 'validate'],
  ];
  for (const argv of runs) {
    errors = '';
    const code = await app.run(argv, io);
    if (code !== 0) throw new Error(`training run \`ocppctl ${argv.join(' ')}\` exited with ${code}: ${errors}`);
  }
  writeFileSync(codeCacheFile(), script.createCachedData());
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
