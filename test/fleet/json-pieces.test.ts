import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonChunks } from '../../src/diagnostics/formatters/json-chunks.js';
import { json } from '../../src/diagnostics/formatters/json.js';
import { makeReport } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

// A fleet's json report is written in pieces; the pieces must join to exactly JSON.stringify(…, null, 2)
const whole = (v: unknown) => JSON.stringify(v, null, 2);
const joined = <T>(value: Record<string, unknown>, key: string, items: T[], f: (x: T) => unknown = (x) => x) =>
  [...jsonChunks(value, key, items, f)].join('');

test('pieces join to the text JSON.stringify gives, for empty, nested and undefined-holding values', () => {
  const cases: { items: unknown[]; rest: Record<string, unknown> }[] = [
    { items: [], rest: { summary: { a: 1 } } },
    { items: [1, 'x\ny', null, [], {}, [1, [2, { z: [] }]], { a: undefined, b: { c: 'é"\\' } }], rest: { summary: { n: [1, 2] } } },
    { items: [{ k: 1 }], rest: {} },
  ];
  for (const { items, rest } of cases) {
    assert.equal(joined({ list: items, ...rest }, 'list', items), whole({ list: items, ...rest }));
    assert.equal(joined({ ...rest, list: items, gone: undefined }, 'list', items), whole({ ...rest, list: items, gone: undefined }));
  }
});

test('a report of 20,000 findings comes in many pieces that join to one JSON document', () => {
  const d = (i: number): Diagnostic => ({
    ruleId: 'value-style',
    severity: i % 7 ? 'info' : 'warning',
    message: `message ${i}`,
    file: `st-${i % 100}/standardized/A.json`,
    pointer: `/properties/V${i}`,
    line: i,
    column: 3,
    endLine: i,
    endColumn: 9,
    hint: i % 2 ? 'a hint' : undefined,
    related: i % 5 ? undefined : [{ file: 'B.json', pointer: '/x', line: 1, column: 2, message: 'there' }],
  });
  const report = makeReport(
    Array.from({ length: 20000 }, (_, i) => d(i)),
    27,
  );
  const text = json(report, { color: false, rules: [], toolVersion: '0' });
  const parsed = JSON.parse(text);
  assert.equal(text, whole(parsed));
  assert.equal(parsed.diagnostics.length, 20000);
  assert.deepEqual(Object.keys(parsed.diagnostics.find((x: Diagnostic) => x.message === 'message 2')), [
    'ruleId',
    'severity',
    'message',
    'file',
    'pointer',
    'line',
    'column',
    'endLine',
    'endColumn',
  ]);
});

test('items of every kind are written as JSON.stringify writes them', () => {
  const items: unknown[] = [
    {
      a: 1,
      b: 'two',
      c: null,
      d: true,
      e: undefined,
      f: () => 1,
      g: [],
      h: {},
      i: [{ j: [1, { k: 'l' }] }],
      m: { n: { o: 1 } },
      p: 1.5e300,
      q: NaN,
    },
    {},
    { only: undefined },
    [],
    [undefined, () => 1],
    'text',
    3,
    null,
    { toJSON: () => ({ z: 1 }) },
    new Date(0),
    { 'a"b': '\u2028\n' },
  ];
  assert.equal(joined({ items }, 'items', items), whole({ items }));
});
