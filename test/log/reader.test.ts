import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLogs, classify } from '../../src/log/index.js';
import type { LogRecord, ReadItem, WriterFormat } from '../../src/log/index.js';
import { render, session16, session201, tmp, writeLog } from './sessions.js';

async function read(paths: string[], cwd: string, ocpp?: '1.6' | '2.0.1' | '2.1') {
  const items: ReadItem[] = [];
  const result = await readLogs(paths, { cwd, ...(ocpp ? { ocpp } : {}) }, (i) => items.push(i));
  const frames = items.flatMap((i) => (i.kind === 'frame' ? [i.record] : []));
  const defects = items.flatMap((i) => (i.kind === 'defect' ? [i.defect] : []));
  return { items, frames, defects, result };
}

const essence = (r: LogRecord) => ({
  from: r.from,
  type: r.messageTypeId,
  id: r.messageId,
  action: r.action,
  payload: r.payload,
  latencyMs: r.latencyMs,
  text: r.text,
});

const FILES: [WriterFormat, string][] = [
  ['log', 's.log'],
  ['raw-log', 's_raw.log'],
  ['html', 's.html'],
  ['html-old', 's.html'],
  ['raw-html', 's_raw.html'],
];

for (const [format, name] of FILES)
  test(`${format}: every frame read, answers paired with their CALL's action and latency`, async () => {
    const dir = tmp();
    writeLog(dir, name, render(session201, format));
    const { frames, defects } = await read([name], dir);
    assert.deepEqual(defects, []);
    assert.equal(frames.length, session201.length);
    const boot = frames[2];
    assert.deepEqual(essence(boot), {
      from: 'CentralSystem',
      type: 3,
      id: 'b1',
      action: 'BootNotification',
      payload: { currentTime: '2026-03-01T10:00:00Z', interval: 300, status: 'Accepted' },
      latencyMs: 80,
      text: undefined,
    });
    assert.equal(frames[0].text, 'Session logging started.');
    assert.equal(frames[0].from, 'SYS');
    // the frame's header line: what editors and CI annotations jump to
    assert.ok(frames.every((f, i) => i === 0 || f.line > frames[i - 1].line));
    assert.equal(frames[1].file, name);
  });

test('the same session reads the same in all five formats', async () => {
  const dir = tmp();
  const all = [];
  for (const [format, name] of FILES) {
    writeLog(dir, `${format}-${name}`, render(session16, format));
    all.push((await read([`${format}-${name}`], dir)).frames.map(essence));
  }
  for (const other of all.slice(1)) assert.deepEqual(other, all[0]);
});

test('.log: the CSMS header has two spaces, SYS an empty body, a CALLERROR "Unknown", an unseen CALL\'s result an empty type', async () => {
  const dir = tmp();
  const text = [
    '2026-03-01T10:00:00.000Z: SYS> Session logging started. \n\n\n',
    '2026-03-01T10:00:01.000Z: CentralSystem>ChargePoint  \n[\n  3,\n  "zz",\n  {}\n]\n\n',
    '2026-03-01T10:00:02.000Z: ChargePoint>CentralSystem Heartbeat \n[\n  2,\n  "h",\n  "Heartbeat",\n  {}\n]\n\n',
    '2026-03-01T10:00:02.500Z: CentralSystem>ChargePoint  Unknown\n[\n  4,\n  "h",\n  "NotImplemented",\n  "no",\n  {}\n]\n\n',
  ].join('');
  writeLog(dir, 'a.log', text);
  const { frames, defects, items } = await read(['a.log'], dir);
  assert.deepEqual(defects, []);
  assert.deepEqual(
    frames.map((f) => [f.line, f.messageTypeId, f.action, f.latencyMs]),
    [
      [1, null, null, null],
      [4, 3, null, null],
      [11, 2, 'Heartbeat', null],
      [19, 4, 'Heartbeat', 500],
    ],
  );
  assert.equal(frames[3].errorCode, 'NotImplemented');
  assert.ok(items.some((i) => i.kind === 'orphan' && i.answer.messageId === 'zz'));
});

test('a line that belongs to no frame and a body that is not JSON are located defects, and reading goes on', async () => {
  const dir = tmp();
  const text =
    'garbage before\n' +
    render(session201.slice(0, 3), 'log') +
    '2026-03-01T10:00:05.000Z: ChargePoint>CentralSystem Heartbeat \n[ 2, "x", "Heart\n\n' +
    render(session201.slice(9, 11), 'log');
  writeLog(dir, 'd.log', text);
  const { frames, defects } = await read(['d.log'], dir);
  assert.equal(defects[0].line, 1);
  assert.match(defects[0].message, /not part of any frame/);
  assert.match(defects[1].message, /not JSON/);
  assert.equal(frames.length, 5);
});

test('html: a file cut off by a crash (no closing tags, half a row) keeps every whole row and reports the cut row', async () => {
  const dir = tmp();
  const full = render(session201, 'html', undefined, { close: false });
  writeLog(dir, 'crash.html', full);
  const clean = await read(['crash.html'], dir);
  assert.deepEqual(clean.defects, [], 'a missing footer alone is normal for a running station');
  const cut = full.slice(0, full.lastIndexOf('<tr ') + 150);
  writeLog(dir, 'cut.html', cut);
  const r = await read(['cut.html'], dir);
  assert.equal(r.frames.length, session201.length - 1);
  assert.equal(r.defects.length, 1);
  assert.match(r.defects[0].message, /cut off/);
  assert.equal(r.defects[0].line, cut.slice(0, cut.lastIndexOf('<tr ')).split('\n').length);
});

test('html: rows appended after an old footer (libocpp reopening a rotated file) are read', async () => {
  const dir = tmp();
  writeLog(
    dir,
    'r.html',
    render(session201.slice(0, 3), 'html') + render(session201.slice(3, 5), 'html').replace(/^<html>[\s\S]*?<table class="log">\n/, ''),
  );
  const { frames, defects } = await read(['r.html'], dir);
  assert.deepEqual(defects, []);
  assert.equal(frames.length, 5);
  assert.equal(frames[4].action, 'GetVariables');
});

test('rotated files are read oldest first: .1, .0, then the live file; date suffixes in date order', async () => {
  const dir = tmp();
  writeLog(dir, 'libocpp_201.log.1', render(session201.slice(0, 3), 'log'));
  writeLog(dir, 'libocpp_201.log.0', render(session201.slice(3, 5), 'log', Date.parse('2026-03-01T11:00:00Z')));
  writeLog(dir, 'libocpp_201.log', render(session201.slice(5, 7), 'log', Date.parse('2026-03-01T12:00:00Z')));
  const viaFile = await read(['libocpp_201.log'], dir);
  assert.deepEqual(
    viaFile.result.files.map((f) => f.file),
    ['libocpp_201.log.1', 'libocpp_201.log.0', 'libocpp_201.log'],
  );
  assert.deepEqual(
    viaFile.frames.map((f) => f.messageId ?? 'SYS'),
    ['SYS', 'b1', 'b1', 'g1', 'g1', 's1', 's1'],
  );
  assert.equal(viaFile.frames[4].latencyMs, 30, 'a CALL and its answer pair across files');

  const d2 = tmp();
  writeLog(d2, 'libocpp_16.log.20260302090000', render(session16.slice(3, 5), 'log', Date.parse('2026-03-02T08:00:00Z')));
  writeLog(d2, 'libocpp_16.log.20260301090000', render(session16.slice(0, 3), 'log'));
  writeLog(d2, 'libocpp_16.log', render(session16.slice(5, 7), 'log', Date.parse('2026-03-03T08:00:00Z')));
  const viaDir = await read(['.'], d2);
  assert.deepEqual(
    viaDir.result.files.map((f) => f.file),
    ['libocpp_16.log.20260301090000', 'libocpp_16.log.20260302090000', 'libocpp_16.log'],
  );
  assert.deepEqual(classify('x.log.3'), { session: 'x', format: 'log', counter: 3 });
  assert.deepEqual(classify('x_raw.html'), { session: 'x', format: 'raw-html' });
  assert.deepEqual(classify('x.security.log.0'), { session: 'x', format: 'security', counter: 0 });
});

test('a folder: every session oldest first, one format per session (the .log), plus its security log', async () => {
  const dir = tmp();
  const s1 = '2026-03-01T10:00:00.000Z';
  const s2 = '2026-03-02T10:00:00.000Z';
  writeLog(dir, `${s2}.log`, render(session201.slice(0, 3), 'log', Date.parse(s2)));
  writeLog(dir, `${s2}.html`, render(session201.slice(0, 3), 'html', Date.parse(s2)));
  writeLog(dir, `${s1}.html`, render(session16.slice(0, 3), 'html'));
  writeLog(dir, `${s1}_raw.log`, render(session16.slice(0, 3), 'raw-log'));
  writeLog(
    dir,
    `${s1}.security.log`,
    '{"timestamp":"2026-03-01T10:00:00.000Z","type":"StartupOfTheDevice","techInfo":"boot"}\n{"type":"InvalidMessages"}\n',
  );
  writeFileSync(join(dir, 'notes.txt'), 'not a log');
  const { result, items, frames } = await read(['.'], dir);
  assert.deepEqual(
    result.files.map((f) => f.file),
    [`${s1}.html`, `${s1}.security.log`, `${s2}.log`],
  );
  assert.deepEqual(
    result.sessions.map((s) => [s.version, s.certainty]),
    [
      ['1.6', 'sure'],
      ['2.0.1', 'likely'],
    ],
  );
  assert.equal(frames.length, 6);
  const sec = items.flatMap((i) => (i.kind === 'security' ? [i.event] : []));
  assert.deepEqual(
    sec.map((e) => [e.type, e.line]),
    [
      ['StartupOfTheDevice', 1],
      ['InvalidMessages', 2],
    ],
  );
});

test('the version: --ocpp wins; 2.1 from a message only 2.1 has; nothing decisive is a guess, said so', async () => {
  const dir = tmp();
  writeLog(dir, 'a.log', render([{ from: 'ChargePoint', frame: [2, '1', 'Heartbeat', {}] }], 'log'));
  writeLog(dir, 'b.log', render([{ from: 'ChargePoint', frame: [2, '1', 'NotifySettlement', {}] }], 'log'));
  assert.deepEqual((await read(['a.log'], dir)).result.sessions[0].certainty, 'guess');
  assert.match((await read(['a.log'], dir)).result.sessions[0].versionSource, /assumed/);
  assert.equal((await read(['b.log'], dir)).result.sessions[0].version, '2.1');
  assert.deepEqual((await read(['b.log'], dir, '1.6')).result.sessions[0], {
    name: 'b',
    version: '1.6',
    versionSource: '--ocpp',
    certainty: 'given',
  });
});

test('a missing path is an input error, not a crash', async () => {
  await assert.rejects(read(['nope.log'], tmp()), (e: Error & { code?: string }) => e.name === 'OcppctlError' && e.code === 'INPUT');
  await assert.rejects(read(['.'], tmp()), /holds no libocpp message log/);
});

test('a line longer than 16 MiB is cut and reported; memory stays bounded', async () => {
  const dir = tmp();
  writeLog(
    dir,
    'big.log',
    render(session201.slice(0, 3), 'log') + 'x'.repeat(17 * 1024 * 1024) + '\n' + render(session201.slice(9, 11), 'log'),
  );
  const { frames, defects } = await read(['big.log'], dir);
  assert.equal(frames.length, 5);
  assert.ok(defects.some((d) => /longer than 16 MiB/.test(d.message)));
});

test(
  'an unreadable log file is an input error naming the file',
  { skip: process.getuid?.() === 0 ? 'root reads any file' : undefined },
  async () => {
    const dir = tmp();
    const path = writeLog(dir, 'locked.log', render(session201, 'log'));
    const { chmodSync } = await import('node:fs');
    chmodSync(path, 0o000);
    await assert.rejects(
      read(['locked.log'], dir),
      (e: Error & { code?: string }) => e.name === 'OcppctlError' && e.code === 'INPUT' && /locked\.log \(EACCES\)/.test(e.message),
    );
  },
);
