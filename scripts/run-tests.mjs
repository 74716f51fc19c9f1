// Runs every compiled test file with node's test runner. Node 20 has no glob support in `node --test`,
// so the file list is made here. Extra arguments narrow the list by substring.
// Tests make their scratch folders with os.tmpdir(); the run points TMPDIR at a folder of its own and removes
// it afterwards (it is kept, and named, when a test failed), so runs leave nothing behind in /tmp.
// Every test has a time limit (OCPPCTL_TEST_TIMEOUT ms, default 180 s): a test that leaves a server or a child open
// fails with its name instead of hanging the run.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => path.includes(f)))) files.push(path);
  }
})('dist/test');
if (!existsSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/reference')))
  console.log("# ../shared/reference is absent: the tests that read EVerest's reference material are skipped (CI runs them)");
const timeout = Number(process.env.OCPPCTL_TEST_TIMEOUT ?? 180_000);
const scratch = mkdtempSync(join(tmpdir(), 'ocppctl-tests-'));
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', `--test-timeout=${timeout}`, ...files], {
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: scratch },
});
process.exitCode = result.status ?? 1;
if (process.exitCode === 0) rmSync(scratch, { recursive: true, force: true });
else console.error(`test scratch folders kept in ${scratch}`);
