import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/diagnostics/index.js';
import { MAX_DEPTH, parseSourceFile } from '../../src/model/index.js';
import { runCli } from '../support/cli.js';
import { BIN, ROOT } from '../support/paths.js';

// Inputs that used to hang ocppctl or exhaust its memory. Each is a located json-syntax error, in validate and
// in init-db alike. The ones that hung run in a child process with a time limit, so that a regression fails
// the test instead of stopping the suite.

const shippedCopy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-inputs-'));
  cpSync(join(ROOT, 'component_config'), join(dir, 'component_config'), { recursive: true });
  return dir;
};

const ocppctl = (cwd: string, args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });

function assertLocated(stdout: string, file: string, message: RegExp) {
  const report = JSON.parse(stdout) as Report;
  const found = report.diagnostics.filter((d) => d.file === file && d.ruleId === 'json-syntax' && d.severity === 'error');
  assert.equal(found.length, 1, `one json-syntax error at ${file} in ${stdout.slice(0, 400)}`);
  assert.match(found[0].message, message);
  assert.equal(found[0].line, 1);
}

test('a FIFO named *.json is a located error for validate, init-db and a fleet, never a hang', { timeout: 120_000 }, () => {
  const dir = shippedCopy();
  const made = spawnSync('mkfifo', [join(dir, 'component_config/standardized/x.json')]);
  assert.equal(made.status, 0, 'mkfifo');
  const v = ocppctl(dir, ['validate', 'component_config', '--format', 'json']);
  assert.equal(v.signal, null, 'validate was killed by the time limit: it blocked on the FIFO');
  assert.equal(v.status, 1);
  assertLocated(v.stdout, 'component_config/standardized/x.json', /FIFO/);
  const i = ocppctl(dir, ['init-db', '--config', 'component_config', '--db', 'x.db', '--format', 'json']);
  assert.equal(i.signal, null, 'init-db blocked on the FIFO');
  assert.equal(i.status, 1);
  assert.equal((JSON.parse(i.stdout) as { status: string }).status, 'refused');
  assert.ok(!existsSync(join(dir, 'x.db')));
  const f = ocppctl(dir, ['validate', '--fleet', '.', '--format', 'json']);
  assert.equal(f.signal, null, 'validate --fleet blocked on the FIFO');
  assert.equal(f.status, 1);
  assertLocated(f.stdout, 'component_config/standardized/x.json', /FIFO/);
});

test('a symbolic link to /dev/zero named *.json is a located error, never an endless read', { timeout: 120_000 }, () => {
  const dir = shippedCopy();
  symlinkSync('/dev/zero', join(dir, 'component_config/standardized/x.json'));
  const v = ocppctl(dir, ['validate', 'component_config', '--format', 'json']);
  assert.equal(v.signal, null, 'validate read /dev/zero until the time limit');
  assert.equal(v.status, 1);
  assertLocated(v.stdout, 'component_config/standardized/x.json', /symbolic link to \/dev\/zero, a character device/);
  const i = ocppctl(dir, ['init-db', '--config', 'component_config', '--db', 'x.db']);
  assert.equal(i.signal, null, 'init-db read /dev/zero until the time limit');
  assert.equal(i.status, 1);
  assert.match(i.stdout, /x\.json[\s\S]*character device/);
  assert.ok(!existsSync(join(dir, 'x.db')));
});

test('a socket named *.json is a located error', async () => {
  const dir = shippedCopy();
  const server = createServer();
  await new Promise<void>((ok) => server.listen(join(dir, 'component_config/standardized/s.json'), ok));
  try {
    const r = await runCli(['validate', 'component_config', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assertLocated(r.stdout, 'component_config/standardized/s.json', /a socket/);
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});

test('a file over --max-file-size is a located error and is not read, in validate and init-db', async () => {
  const dir = shippedCopy();
  writeFileSync(join(dir, 'component_config/custom/Big.json'), JSON.stringify({ name: 'Big', properties: {}, pad: 'x'.repeat(5000) }));
  const v = await runCli(['validate', 'component_config', '--max-file-size', '4096', '--format', 'json'], { cwd: dir });
  assert.equal(v.code, 1);
  assertLocated(v.stdout, 'component_config/custom/Big.json', /larger than 4096 bytes.*--max-file-size/);
  const i = await runCli(['init-db', '--config', 'component_config', '--db', 'x.db', '--max-file-size', '4K', '--format', 'json'], {
    cwd: dir,
  });
  assert.equal(i.code, 1);
  assert.ok(
    (JSON.parse(i.stdout) as Report).diagnostics.some(
      (d) => d.file === 'component_config/custom/Big.json' && /larger than 4096/.test(d.message),
    ),
  );
  assert.ok(!existsSync(join(dir, 'x.db')));
  // within the default limit the same file is read
  assert.equal((await runCli(['validate', 'component_config', '--rule', 'json-syntax'], { cwd: dir })).code, 0);
  const bad = await runCli(['validate', 'component_config', '--max-file-size', 'lots'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-file-size needs a number of bytes/);
});

test('a big file with one trailing comma gets one located error from a linear scan, not a syntax tree', { timeout: 60_000 }, async () => {
  const dir = shippedCopy();
  const rows = Array.from({ length: 200_000 }, (_, i) => `    {"a": ${i}, "b": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}`).join(',\n');
  const text = `{\n  "name": "Big",\n  "properties": {},\n  "rows": [\n${rows},\n  ]\n}\n`;
  writeFileSync(join(dir, 'component_config/custom/Big.json'), text);
  const r = await runCli(['validate', 'component_config', '--rule', 'json-syntax', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1);
  const [d] = (JSON.parse(r.stdout) as Report).diagnostics;
  assert.match(d.message, /unexpected '\]' after a comma \(trailing commas are not JSON\)/);
  assert.deepEqual([d.line, d.column], [200_005, 3]);
  // the loader keeps no syntax tree of a file that did not parse
  const file = parseSourceFile('/x/Big.json', 'Big.json', 'custom', Buffer.from(text));
  assert.equal(file.json, undefined);
  assert.equal(file.root, undefined);
});

test('syntax errors are located at the first offending character', () => {
  const at = (text: string) => {
    const [p] = parseSourceFile('/x/A.json', 'A.json', 'standardized', Buffer.from(text)).problems;
    return `${p.position.line}:${p.position.column} ${p.message}`;
  };
  assert.equal(at('{"a": 1,\n}'), "2:1 invalid JSON: unexpected '}' after a comma (trailing commas are not JSON)");
  assert.equal(at('{"a": 1 "b": 2}'), "1:9 invalid JSON: expected ',' or '}', found '\"'");
  assert.equal(at('{"a": tru}'), "1:7 invalid JSON: expected a value, found 't'");
  assert.equal(
    at('{"a": "x\ty"}'),
    '1:9 invalid JSON: a control character (U+0009) inside a string; write it as an escape such as \\n or \\t',
  );
  assert.equal(
    at('{"a": "\\x"}'),
    '1:8 invalid JSON: invalid escape in a string (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)',
  );
  assert.equal(at('{"a": 01}'), '1:7 invalid JSON: invalid number');
  assert.equal(at('{"a": 1} x'), "1:10 invalid JSON: unexpected 'x' after the end of the JSON value");
  assert.equal(at('{"a": [1, 2}'), "1:12 invalid JSON: expected ',' or ']', found '}'");
  assert.equal(at('{"a": "x'), '1:9 invalid JSON: unterminated string');
  assert.equal(at('{"a": 1'), "1:8 invalid JSON: expected ',' or '}', found the end of the file");
  assert.equal(at('{a: 1}'), "1:2 invalid JSON: expected a property name in double quotes, found 'a'");
});

test(`a value nested 5,000 deep is a json-syntax error at the pointer where level ${MAX_DEPTH} is passed, in validate and init-db`, async () => {
  const dir = shippedCopy();
  const path = join(dir, 'component_config/standardized/OCPPCommCtrlr.json');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { properties: Record<string, Record<string, unknown>> };
  doc.properties.HeartbeatInterval.default = '@DEEP@';
  writeFileSync(path, JSON.stringify(doc, null, 2).replace('"@DEEP@"', '['.repeat(5000) + ']'.repeat(5000)));
  const v = await runCli(['validate', 'component_config', '--format', 'json'], { cwd: dir });
  assert.equal(v.code, 1);
  const report = JSON.parse(v.stdout) as Report;
  assert.deepEqual(
    report.diagnostics.filter((d) => /failed on this (tree|file)/.test(d.message)),
    [],
    'a rule crashed',
  );
  const deep = report.diagnostics.filter((d) => d.ruleId === 'json-syntax');
  assert.equal(deep.length, 1);
  // the root object is level 1, /properties 2, the variable 3, its default 4, so level 257 is 253 arrays further
  assert.equal(deep[0].pointer, `/properties/HeartbeatInterval/default${'/0'.repeat(MAX_DEPTH + 1 - 4)}`);
  assert.match(deep[0].message, /nests more than 256 levels/);
  assert.ok(deep[0].line > 1);
  const i = await runCli(['init-db', '--config', 'component_config', '--db', 'x.db', '--format', 'json'], { cwd: dir });
  assert.equal(i.code, 1, i.stderr);
  assert.equal((JSON.parse(i.stdout) as { status: string }).status, 'refused');
  assert.doesNotMatch(i.stderr, /internal error/);
});

test('nesting up to the limit is read as usual', () => {
  const nested = '['.repeat(MAX_DEPTH - 1) + ']'.repeat(MAX_DEPTH - 1);
  const file = parseSourceFile('/x/A.json', 'A.json', 'standardized', Buffer.from(`{"name": "A", "v": ${nested}}`));
  assert.deepEqual(file.problems, []);
  const over = parseSourceFile('/x/A.json', 'A.json', 'standardized', Buffer.from(`{"name": "A", "v": [${nested}]}`));
  assert.equal(over.problems[0].ruleId, 'json-syntax');
  assert.equal(over.json, undefined);
});

test('a folder entry that is a symbolic link to a regular file is still read', async () => {
  const dir = shippedCopy();
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'elsewhere/Extra.json'), JSON.stringify({ name: 'ExtraCtrlr', properties: {} }));
  symlinkSync(join(dir, 'elsewhere/Extra.json'), join(dir, 'component_config/custom/Extra.json'));
  const r = await runCli(['validate', 'component_config', '--rule', 'json-syntax', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stdout);
  assert.equal((JSON.parse(r.stdout) as Report).summary.files, 17);
});

test('a 30 MB value or millions of escapes are findings, never a regex overflow or an internal error', { timeout: 120_000 }, async () => {
  const dir = shippedCopy();
  const path = join(dir, 'component_config/standardized/OCPPCommCtrlr.json');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as {
    properties: Record<string, { attributes: Record<string, unknown>[]; default?: unknown }>;
  };
  doc.properties.HeartbeatInterval.attributes[0].value = '1'.repeat(30_000_000);
  // a whole number written as 1.0 makes the loader look at raw number text across the whole file
  doc.properties.HeartbeatInterval.default = '@ONE@';
  writeFileSync(path, JSON.stringify(doc).replace('"@ONE@"', '1.0'));
  writeFileSync(join(dir, 'component_config/custom/Escapes.json'), `{"name": "E", "properties": {}, "x": "${'\\n'.repeat(5_000_000)}",}`);
  for (const args of [
    ['validate', 'component_config', '--format', 'json'],
    ['init-db', '--config', 'component_config', '--db', 'x.db', '--format', 'json'],
  ]) {
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.code, 1, `${args[0]}: ${r.stderr}`);
    const { diagnostics } = JSON.parse(r.stdout) as Report;
    assert.deepEqual(
      diagnostics.filter((d) => /failed on this|call stack/.test(d.message)),
      [],
      args[0],
    );
    assert.ok(
      diagnostics.some((d) => d.file.endsWith('Escapes.json') && /trailing commas/.test(d.message)),
      args[0],
    );
  }
});

test('--max-file-size reaches every station of a fleet, in worker threads too', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-inputs-fleet-'));
  for (const station of ['a', 'b'])
    cpSync(join(ROOT, 'component_config'), join(dir, 'stations', station, 'component_config'), { recursive: true });
  writeFileSync(
    join(dir, 'stations/b/component_config/custom/Big.json'),
    JSON.stringify({ name: 'Big', properties: {}, pad: 'x'.repeat(20_000) }),
  );
  const v = await runCli(['validate', '--fleet', 'stations', '--workers', '2', '--max-file-size', '16K', '--format', 'json'], { cwd: dir });
  assert.equal(v.code, 1);
  const found = (JSON.parse(v.stdout) as Report).diagnostics.filter((d) => /larger than 16384 bytes/.test(d.message));
  assert.deepEqual(
    found.map((d) => d.file),
    ['stations/b/component_config/custom/Big.json'],
  );
  const i = await runCli(['init-db', '--fleet', 'stations', '--out', 'dbs', '--workers', '2', '--max-file-size', '16K'], { cwd: dir });
  assert.equal(i.code, 1, i.stdout + i.stderr);
  assert.ok(existsSync(join(dir, 'dbs/a.db')));
  assert.ok(!existsSync(join(dir, 'dbs/b.db')));
});
