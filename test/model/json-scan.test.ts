import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree, locate, locateFast } from '../../src/model/index.js';
import { REFERENCE, fixture, needsReference } from '../support/paths.js';

function pointers(value: unknown, at: string, out: string[]) {
  out.push(at);
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pointers(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  return out;
}

test('scanning the text finds the same line and column as the syntax tree, for every value and key', needsReference, () => {
  let compared = 0;
  for (const dir of [`${REFERENCE}/everest-component-config`, fixture('valid/minimal/component_config'), fixture('broken/formats/component_config')]) {
    for (const file of loadConfigTree(dir).files) {
      for (const p of [...pointers(file.json, '', []), '/missing', '/properties/missing/deeper'])
        for (const key of [false, true]) {
          const fast = locateFast(file, p, { key });
          assert.deepEqual(fast, locate(file, p, { key }), `${file.file} ${p} key=${key}`);
          compared++;
        }
    }
  }
  assert.ok(compared > 5000);
});

test('escaped keys, slashes and tildes in keys are found as the tree finds them', () => {
  const tree = loadConfigTree(fixture('valid/minimal/component_config'));
  const file = { ...tree.files[0], text: '{"a/b": {"c~d": [1, {"\\u0065": true}]}, "x": -1.5e3}', json: { 'a/b': { 'c~d': [1, { e: true }] }, x: -1.5e3 }, problems: [] };
  Object.defineProperty(file, 'root', { value: undefined });
  assert.deepEqual(locateFast(file, '/a~1b/c~0d/1/e'), { line: 1, column: 32, endLine: 1, endColumn: 36 });
  assert.deepEqual(locateFast(file, '/x', { key: true }), { line: 1, column: 41, endLine: 1, endColumn: 44 });
});
