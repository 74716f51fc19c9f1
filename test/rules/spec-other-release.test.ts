import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import type { Target } from '../../src/rules/index.js';
import rule from '../../src/rules/spec-other-release.js';
import { fixture, REFERENCE, ROOT } from '../support/paths.js';

const check = (dir: string, target: Target) => validateTree(loadConfigTree(dir), { target, rules: [rule] });
const EVEREST = join(REFERENCE, 'everest-component-config');

test('DisplayMessageCtrlr.Language is a 2.1 variable under spec-2.0.1, PersonalMessageSize a 2.0.1 one under spec-2.1', () => {
  const old = check(fixture('broken/spec-other-release'), 'spec-2.0.1');
  assert.deepEqual(
    old.map((d) => [d.severity, d.pointer, d.message]),
    [
      [
        'error',
        '/properties/DisplayMessageLanguage',
        'Language is an OCPP 2.1 variable of DisplayMessageCtrlr; OCPP 2.0.1 does not define it',
      ],
    ],
  );
  const next = check(fixture('broken/spec-other-release'), 'spec-2.1');
  assert.deepEqual(
    next.map((d) => [d.severity, d.pointer, d.message]),
    [
      [
        'error',
        '/properties/PersonalMessageSize',
        'PersonalMessageSize is an OCPP 2.0.1 variable of DisplayMessageCtrlr; OCPP 2.1 does not define it',
      ],
    ],
  );
});

for (const [what, dir, options] of [
  ['the shipped config', join(ROOT, 'component_config'), {}],
  ["EVerest's config", EVEREST, { skip: !existsSync(EVEREST) }],
] as const)
  test(`NetworkConfiguration slots under spec-2.0.1 are info: libocpp keeps 2.0.1 profiles there too (${what})`, options, () => {
    const slots = check(dir, 'spec-2.0.1').filter((d) => d.file.includes('NetworkConfiguration'));
    assert.equal(slots.length, 2);
    assert.ok(slots.every((d) => d.severity === 'info' && d.pointer === '/name'));
  });
