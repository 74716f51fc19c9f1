import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, station, validateStation } from '../support.js';

const cases: [name: string, text: string, line: number, message: RegExp][] = [
  ['a syntax error', 'active_modules:\n  ocpp: [module\n', 3, /YAML syntax error/],
  ['a duplicate key', 'active_modules:\n  a:\n    module: System\n  a:\n    module: System\n', 4, /duplicate key/],
  ['a tab indent', 'active_modules:\n\ta:\n', 2, /tab/],
  ['a top-level sequence', '- active_modules\n', 1, /top level is a sequence/],
  ['an empty file', '', 1, /no YAML document/],
  ['a file of comments only', '# nothing\n', 1, /no YAML document/],
];

for (const [name, text, line, message] of cases)
  test(`${name} is a located everest-yaml error, exit 1`, async () => {
    const s = station({ text });
    try {
      const r = await validateStation(s);
      const found = byRule(r, 'everest-yaml');
      assert.equal(r.code, 1);
      assert.equal(found.length, 1);
      assert.equal(found[0].file, 'config.yaml');
      assert.equal(found[0].line, line);
      assert.match(found[0].message, message);
    } finally {
      s.cleanup();
    }
  });
