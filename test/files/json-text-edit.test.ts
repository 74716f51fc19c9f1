import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@humanwhocodes/momoa';
import { applyTextEdits, setJsonValue } from '../../src/files/index.js';

const doc = (text: string) => parse(text, { mode: 'json' }).body;

test('changing a value rewrites only that value', () => {
  const text = '{\n    "b": 1,\n  "a" :   [1, 2],\n  "c": {"value": 1}\n}\n';
  const out = applyTextEdits(text, [setJsonValue(text, doc(text), '/c', 'value', '1,2')]);
  assert.equal(out, '{\n    "b": 1,\n  "a" :   [1, 2],\n  "c": {"value": "1,2"}\n}\n');
});

test('a missing key is added after the last member with its indentation and spacing', () => {
  const text = '{\n  "attributes": [\n    {\n        "type": "Actual",\n        "mutability" : "ReadWrite"\n    }\n  ]\n}';
  const out = applyTextEdits(text, [setJsonValue(text, doc(text), '/attributes/0', 'value', 3)]);
  assert.equal(
    out,
    '{\n  "attributes": [\n    {\n        "type": "Actual",\n        "mutability" : "ReadWrite",\n        "value" : 3\n    }\n  ]\n}',
  );
  assert.deepEqual(JSON.parse(out).attributes[0].value, 3);
});

test('keys on one line stay on one line; an empty object gets its first key', () => {
  const one = '{"a": {"x": 1}, "b": {}}';
  const edits = [setJsonValue(one, doc(one), '/a', 'y', true), setJsonValue(one, doc(one), '/b', 'z', 'q')];
  assert.equal(applyTextEdits(one, edits), '{"a": {"x": 1, "y": true}, "b": { "z": "q" }}');
});

test('with duplicate keys the last one is edited, as libocpp reads it', () => {
  const text = '{"v": 1, "v": 2}';
  assert.equal(applyTextEdits(text, [setJsonValue(text, doc(text), '', 'v', 5)]), '{"v": 1, "v": 5}');
});
