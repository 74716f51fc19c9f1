import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@humanwhocodes/momoa';
import type { MemberNode, ValueNode } from '@humanwhocodes/momoa';
import fc from 'fast-check';
import { loadConfigTree, locate, locateFast, parseSourceFile } from '../../src/model/index.js';
import { duplicateKeys } from '../../src/model/json-scan.js';
import { REFERENCE, fixture, needsReference } from '../support/paths.js';

function pointers(value: unknown, at: string, out: string[]) {
  out.push(at);
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pointers(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  return out;
}

test('scanning the text finds the same line and column as the syntax tree, for every value and key', needsReference, () => {
  let compared = 0;
  for (const dir of [
    `${REFERENCE}/everest-component-config`,
    fixture('valid/minimal/component_config'),
    fixture('broken/formats/component_config'),
  ]) {
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
  const file = {
    ...tree.files[0],
    text: '{"a/b": {"c~d": [1, {"\\u0065": true}]}, "x": -1.5e3}',
    json: { 'a/b': { 'c~d': [1, { e: true }] }, x: -1.5e3 },
    problems: [],
  };
  Object.defineProperty(file, 'root', { value: undefined });
  assert.deepEqual(locateFast(file, '/a~1b/c~0d/1/e'), { line: 1, column: 32, endLine: 1, endColumn: 36 });
  assert.deepEqual(locateFast(file, '/x', { key: true }), { line: 1, column: 41, endLine: 1, endColumn: 44 });
});

// The duplicate keys used to be found on momoa's syntax tree; the scan must find the same ones at the same places
function momoaDuplicates(text: string): string[] {
  const out: string[] = [];
  const walk = (node: ValueNode, pointer: string) => {
    if (node.type === 'Object') {
      const seen = new Map<string, MemberNode>();
      for (const m of node.members) {
        const key = (m.name as { value: string }).value;
        const p = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const first = seen.get(key);
        if (first)
          out.push(
            `${p} ${m.name.loc.start.line}:${m.name.loc.start.column}-${m.name.loc.end.line}:${m.name.loc.end.column} first ${first.name.loc.start.line}`,
          );
        seen.set(key, m);
        walk(m.value, p);
      }
    } else if (node.type === 'Array') node.elements.forEach((el, i) => walk(el.value, `${pointer}/${i}`));
  };
  walk(parse(text, { mode: 'json' }).body, '');
  return out;
}

const jsonWithRepeats: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('1', '-2.5e3', 'true', 'null', '"x"', '"a\\"b"', '"\\u0061"', '""'),
    fc.array(tie('value'), { maxLength: 4 }).map((a) => `[${a.join(', ')}]`),
    fc
      .array(fc.tuple(fc.constantFrom('a', 'b', '\\u0061', 'a/b', '~', 'k\\"'), tie('value')), { maxLength: 5 })
      .map((members) => `{\n  ${members.map(([k, v]) => `"${k}" : ${String(v)}`).join(',\n  ')}\n}`),
  ),
})).value;

test('the scan finds every duplicate key momoa finds, at the same pointer and position', () => {
  fc.assert(
    fc.property(jsonWithRepeats, (text) => {
      const found = duplicateKeys(text).map(
        (d) => `${d.pointer} ${d.key.line}:${d.key.column}-${d.key.endLine}:${d.key.endColumn} first ${d.previous.line}`,
      );
      assert.deepEqual(found, momoaDuplicates(text));
    }),
    { numRuns: 2000 },
  );
});

test('with repeated keys, positions by scan are the positions on the syntax tree (the last key wins in both)', () => {
  fc.assert(
    fc.property(jsonWithRepeats, (text) => {
      const file = parseSourceFile('/x/A.json', 'A.json', 'standardized', Buffer.from(text));
      for (const p of pointers(file.json, '', [])) {
        assert.deepEqual(locateFast(file, p), locate(file, p), p);
        assert.deepEqual(locateFast(file, p, { key: true }), locate(file, p, { key: true }), p);
      }
    }),
    { numRuns: 1000 },
  );
});
