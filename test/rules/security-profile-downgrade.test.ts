import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFixture } from './rule-harness.js';
import { assertSlotsClean } from './slot-harness.js';

test('slots at the station security profile pass', async () => {
  await assertSlotsClean('security-profile-downgrade');
});

test('a listed profile 1 slot below SecurityCtrlr.SecurityProfile 2 exits 1 and links the station profile', async () => {
  const { code, report } = await validateFixture('security-profile-downgrade', 'broken/security-profile-downgrade');
  assert.equal(code, 1);
  const [d, ...rest] = report.diagnostics;
  assert.equal(rest.length, 0);
  assert.match(d.message, /^slot 2 has security profile 1, below SecurityCtrlr.SecurityProfile 2/);
  assert.match(d.related?.[0].file ?? '', /SecurityCtrlr\.json$/);
});
