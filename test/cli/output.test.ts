import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../support/paths.js';
import { brokenFixtureTrees } from '../support/port-a-trees.js';

// Files and pipes get ocppctl's own synchronous writes (src/cli/io.ts), terminals the process.stdout stream.
// The broken fixtures validated together give several hundred kB of JSON, far more than a pipe holds at once.
const args = [BIN, 'validate', ...brokenFixtureTrees(), '--format', 'json'];

function viaPipe() {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.stdout.length > 65536, `only ${r.stdout.length} bytes`);
  return r.stdout;
}

test('output to a file is the whole report, byte for byte as through a pipe', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ocppctl-output-')), 'report.json');
  const fd = openSync(file, 'w');
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  closeSync(fd);
  assert.equal(r.status, 1, r.stderr);
  const text = readFileSync(file, 'utf8');
  assert.equal(text, viaPipe());
  assert.ok(JSON.parse(text).summary.errors > 0);
});

test('a non-blocking pipe whose reader is slow still gets the whole report', () => {
  // whoever starts ocppctl may hand it a non-blocking pipe; once it is full, a write fails with EAGAIN and the
  // stream, which waits for room, takes over. Python makes such a pipe and reads it only after a pause.
  const harness = `
import os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
p = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(0.5)
chunks = []
while True:
    b = os.read(r, 65536)
    if not b:
        break
    chunks.append(b)
p.wait()
sys.stdout.buffer.write(b"".join(chunks))
sys.exit(p.returncode)
`;
  const r = spawnSync('python3', ['-c', harness, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(r.error, undefined, 'python3 is needed for this test');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, viaPipe());
});
