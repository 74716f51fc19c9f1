import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-auth-disabled.js';
import { needsReference } from '../support/paths.js';
import { GOOD_PNC, pncConfig, referenceCopy, runPnc } from './pnc-harness.js';
import { runRule } from './slot-harness.js';

test('AuthCtrlr.Enabled true passes', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

test('AuthCtrlr.Enabled false with PnC is an error at Enabled', () => {
  const [d, ...rest] = runPnc(rule, pncConfig(GOOD_PNC, { Enabled: false }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'error');
  assert.match(d.file, /AuthCtrlr\.json$/);
  assert.equal(d.pointer, '/properties/Enabled/attributes/0/value');
});

test('AuthCtrlr.Enabled false without PnC: nothing', () => {
  assert.deepEqual(runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false }, { Enabled: false })), []);
});

test("EVerest's shipped config with AuthCtrlr.Enabled false: an error, exit 1", needsReference, async () => {
  const { code, report } = await runRule('pnc-auth-disabled', referenceCopy({ AuthCtrlr: { Enabled: false } }));
  assert.equal(code, 1);
  assert.equal(report.diagnostics.length, 1);
  assert.equal(report.diagnostics[0].pointer, '/properties/AuthCtrlrEnabled/attributes/0/value');
  const off = await runRule('pnc-auth-disabled', referenceCopy({ AuthCtrlr: { Enabled: false }, ISO15118Ctrlr: { PnCEnabled: false } }));
  assert.deepEqual(off.report.diagnostics, []);
});
