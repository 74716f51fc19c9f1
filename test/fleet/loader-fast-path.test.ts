import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locate, parseSourceFile } from '../../src/model/source-file.js';

const load = (text: string) => parseSourceFile('/x/A.json', 'A.json', 'standardized', Buffer.from(text));
const dupes = (text: string) =>
  load(text)
    .problems.filter((p) => p.ruleId === 'duplicate-key')
    .map((p) => p.pointer);

// validate parses with JSON.parse and builds the position tree only on demand; these pin that it still
// sees every duplicate key and no false ones
test('duplicate keys are found at any depth, also when spelled with escapes', () => {
  assert.deepEqual(dupes('{"a": 1, "a": 2}'), ['/a']);
  assert.deepEqual(dupes('{"p": {"x": [ {"k": 1, "k" : 2} ]}}'), ['/p/x/0/k']);
  assert.deepEqual(dupes('{"a": 1, "\\u0061": 2}'), ['/a']);
  assert.deepEqual(dupes('{"a\\"b": 1, "a\\"b": 2}'), ['/a"b']);
});

test('equal keys in sibling objects and values equal to keys are not duplicates', () => {
  assert.deepEqual(dupes('{"a": {"k": 1}, "b": {"k": 1}, "c": ["a", "a"], "d": "d"}'), []);
  assert.deepEqual(dupes('[{"k": 1}, {"k": 2}]'), []);
  assert.deepEqual(dupes('{"a": "x\\\\", "b": "a", "e": {}}'), []);
});

test('a file read on the fast path still gives line and column of any pointer', () => {
  const f = load('{\n  "name": "A",\n  "properties": {\n    "V": { "variable_name": "V" }\n  }\n}');
  assert.deepEqual(f.json, { name: 'A', properties: { V: { variable_name: 'V' } } });
  assert.equal(locate(f, '/properties/V/variable_name').line, 4);
  assert.equal(locate(f, '/properties/V', { key: true }).column, 5);
});

test('a __proto__ key stays data and does not change the prototype', () => {
  const f = load('{"__proto__": {"polluted": true}, "name": "A"}');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(f.json), Object.prototype);
});
