import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigTree } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import rule from '../../src/rules/identity-format.js';
import { commCtrlr, fullSlot, securityCtrlr, writeConfig } from '../slots/slot-config.js';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

const check = (files: Record<string, unknown>) => validateTree(loadConfigTree(writeConfig(files)), { rules: [rule] }).map((d) => d.message);

test('identities of letters, digits and OCPP punctuation pass', async () => {
  await assertSlotsClean('identity-format');
});

test('a space and a slash in SecurityCtrlr.Identity are an error at its value', async () => {
  const { code, report } = await validateFixture('identity-format', 'broken/identity-format');
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.pointer, '/properties/Identity/attributes/0/value');
  assert.match(d.message, /^SecurityCtrlr.Identity contains " ", "\/"; OCPP allows only letters/);
});

test('a slot Identity over 48 characters or with ":" is an error; ":" in SecurityCtrlr.Identity is left to url-identity', () => {
  const long = 'x'.repeat(49);
  assert.deepEqual(
    check({
      'p.json': commCtrlr('1'),
      's.json': securityCtrlr({ Identity: { value: 'site:1' } }),
      'n1.json': fullSlot('1', { Identity: { value: long } }),
      'n2.json': fullSlot('2', { Identity: { value: 'a:b' } }),
    }),
    [
      'the Identity of slot 1 has 49 characters; libocpp and OCPP allow at most 48',
      'the Identity of slot 2 contains ":"; OCPP allows only letters, digits and * - _ = + | @ . in the identity that ends the connection URL',
    ],
  );
});
