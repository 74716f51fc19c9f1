import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineRule } from '../../src/rules/rule.js';
import { check, component } from './rule-harness.js';

// A rule that throws on one component and reports every other one
const fragile = defineRule({
  id: 'fragile',
  severity: 'warning',
  description: 'test rule',
  check(ctx) {
    for (const c of ctx.tree.components) {
      if (c.key.name === 'Boom') throw new RangeError('Maximum call stack size exceeded');
      ctx.report({ file: c.source, pointer: '/name', message: `saw ${c.key.name}` });
    }
  },
});

test('a rule that throws is reported at the file it fails on and keeps its findings on the other files', () => {
  const found = check(
    {
      'standardized/A.json': component('ACtrlr', {}),
      'standardized/B.json': component('Boom', {}),
      'standardized/C.json': component('CCtrlr', {}),
    },
    [fragile],
  );
  const crash = found.filter((d) => d.severity === 'error');
  assert.equal(crash.length, 1);
  assert.match(crash[0].file, /standardized\/B\.json$/);
  assert.match(crash[0].message, /^rule fragile failed on this file \(Maximum call stack size exceeded\)/);
  assert.deepEqual(
    found.filter((d) => d.severity === 'warning').map((d) => d.message),
    ['saw ACtrlr', 'saw CCtrlr'],
  );
});

test('a rule that throws on every smaller tree is reported once for the whole tree', () => {
  const always = defineRule({
    ...fragile,
    check() {
      throw new Error('boom');
    },
  });
  const found = check({ 'standardized/A.json': component('ACtrlr', {}) }, [always]);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /^rule fragile failed on this tree \(boom\); please report this$/);
});
