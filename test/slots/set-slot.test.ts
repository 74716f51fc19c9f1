import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/paths.js';
import { loadConfigTree } from '../../src/model/index.js';
import { planSetSlot, slotToEdit } from '../../src/slots/index.js';
import { isOcppctlError } from '../../src/errors.js';

function shippedTree() {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-set-slot-lib-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  return loadConfigTree(dir);
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (isOcppctlError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'no error';
};

test('the library throws typed errors: a missing slot is INPUT, an empty change or a bad value USAGE, profile 0 REFUSED', () => {
  const tree = shippedTree();
  assert.match(
    codeOf(() => slotToEdit(tree, 9)),
    /^INPUT: there is no slot 9 .*ocppctl add-slot --slot 9$/,
  );
  const target = slotToEdit(tree, 1);
  assert.match(
    codeOf(() => planSetSlot(target, {})),
    /^USAGE: nothing to change/,
  );
  assert.match(
    codeOf(() => planSetSlot(target, { messageTimeout: 0 })),
    /^USAGE: the message timeout/,
  );
  assert.match(
    codeOf(() => planSetSlot(target, { password: 'x' })),
    /^USAGE: the password has 1 characters/,
  );
  assert.match(
    codeOf(() => planSetSlot(target, { securityProfile: 0, url: 'ws://x.example' })),
    /^REFUSED: security profile 0 is refused/,
  );
});

test('the plan edits only the slot file, in place, and reports the password as a secret to mask', () => {
  const tree = shippedTree();
  const target = slotToEdit(tree, 2);
  assert.deepEqual(target.current, {
    url: 'wss://csms-backup.example.com/ocpp',
    securityProfile: 2,
    interface: 'Wired0',
    transport: 'JSON',
    messageTimeout: 30,
    identity: undefined,
    passwordSet: false,
    passwordSource: 'none',
  });
  const pw = 'library-password-0123';
  const result = planSetSlot(target, { password: pw, messageTimeout: 10 });
  assert.equal(result.plan.command, 'set-slot');
  assert.deepEqual(
    result.plan.changes.map((c) => [c.kind, c.file.replace(/.*component_config\//, '')]),
    [['edit', 'standardized/NetworkConfiguration_2.json']],
  );
  assert.deepEqual(result.secrets, [pw]);
  const change = result.plan.changes[0];
  assert.ok(change.kind === 'edit');
  const changed = change.after.split('\n').filter((line, i) => line !== change.before.split('\n')[i]);
  assert.ok(changed.some((l) => /"value": "10"/.test(l)));
});
