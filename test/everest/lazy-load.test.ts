import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ROOT } from '../support/paths.js';

// validate keeps its start-up budget: the EVerest code (and the yaml parser, and the module facts) load only
// when --everest-config is given. Checked on the compiled modules: which of dist/src/everest/ get imported.
const loadsEverest = (args: string[]): boolean => {
  const main = pathToFileURL(join(ROOT, 'dist/src/cli/main.js')).href;
  const loader = `data:text/javascript,export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.includes('/dist/src/everest/')) process.stderr.write('EVEREST ' + r.url + '\\n'); return r; }`;
  const r = spawnSync(
    process.execPath,
    [
      '--no-warnings',
      '--experimental-loader',
      loader,
      '--input-type=module',
      '-e',
      `const { run } = await import(${JSON.stringify(main)}); await run(${JSON.stringify(args)}, { cwd: ${JSON.stringify(ROOT)}, env: {}, stdout: { write() {} }, stderr: { write() {} }, stdoutIsTTY: false, interactive: false });`,
    ],
    { encoding: 'utf8' },
  );
  return r.stderr.includes('EVEREST ');
};

test('a plain validate never loads the EVerest code; --everest-config does', () => {
  assert.equal(loadsEverest(['validate', 'component_config']), false);
  assert.equal(loadsEverest(['validate', 'component_config', '--everest-config', 'nope.yaml']), true);
});
