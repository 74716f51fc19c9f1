import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNode, locateYaml, parseYamlFile } from '../../src/everest/yaml-file.js';

const read = (text: string) => parseYamlFile('/x/config.yaml', 'config.yaml', text);

test('keys written in a mapping win over merged ones wherever they stand, and the first merged mapping over later ones', () => {
  const f = read('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  y: 3\n  <<: [*a, *b]\n');
  assert.deepEqual(f.problems, []);
  assert.deepEqual((f.data as Record<string, unknown>).c, { x: 1, y: 3, z: 2 });
  // a pointer finds the value the data holds
  assert.equal(locateYaml(f, '/c/y').line, 4);
  assert.equal(locateYaml(f, '/c/z').line, 2);
  assert.deepEqual(locateYaml(f, '/c/x'), { line: 1, column: 11, endLine: 1, endColumn: 12 });
});

test('the last of duplicate keys is the value, and the duplicate is reported at it (not fatal: EVerest keeps it)', () => {
  const f = read('a: 1\nb: 2\na: 3\n');
  assert.deepEqual(f.data, { a: 3, b: 2 });
  assert.deepEqual(
    f.problems.map((p) => [p.position.line, p.fatal]),
    [[3, false]],
  );
  assert.equal(findNode(f, '/a')?.pair?.startPosition, 10);
});

test('scalars are typed as YAML 1.2 core does: quotes keep strings; yes/on stay strings', () => {
  const f = read('a: "12"\nb: 12\nc: 1.5\nd: true\ne: yes\nf: ~\ng: 0x1F\nh: -.inf\ni: |\n  text\n"1": k\n');
  assert.deepEqual(f.data, { a: '12', b: 12, c: 1.5, d: true, e: 'yes', f: null, g: 31, h: -Infinity, i: 'text\n', 1: 'k' });
});

test('a key named __proto__ is data, not the prototype', () => {
  const f = read('__proto__:\n  polluted: true\n');
  const data = f.data as Record<string, unknown>;
  assert.deepEqual(Object.keys(data), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(data), Object.prototype);
});

test('aliases that expand beyond a million values are a located error, at once, not a hang', () => {
  const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const started = Date.now();
  const f = read(levels.join('\n') + '\n');
  assert.ok(Date.now() - started < 5000);
  assert.equal(f.data, undefined);
  assert.match(f.problems[0].message, /cannot be expanded: aliases expand it to more than 1000000 values/);
  assert.equal(f.problems[0].fatal, true);
});

test('a syntax error at the very end of the file is located within it', () => {
  for (const text of ['active_modules:\n  ocpp: [module', 'active_modules:\n  ocpp: "open\n', 'a: [\n\n\n']) {
    const f = read(text);
    const p = f.problems[0];
    assert.equal(p.fatal, true, text);
    assert.match(p.message, /^YAML syntax error: /);
    const lines = text.split('\n').length;
    assert.ok(p.position.line >= 1 && p.position.line <= lines && Number.isInteger(p.position.column), JSON.stringify(p.position));
  }
});
