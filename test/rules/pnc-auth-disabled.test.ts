import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
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

test('AuthCtrlr.Enabled without a value is an error at its attributes: libocpp reads unset as false', () => {
  const [d, ...rest] = runPnc(rule, pncConfig(GOOD_PNC, { Enabled: undefined, LocalAuthorizeOffline: true }));
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'error');
  assert.match(d.file, /AuthCtrlr\.json$/);
  assert.equal(d.pointer, '/properties/Enabled/attributes/0');
  assert.match(d.message, /unset/);
  assert.match(d.message, /unset Enabled as false/);
});

test('AuthCtrlr without an Enabled variable is an error at its properties', () => {
  const [d, ...rest] = runPnc(rule, pncConfig(GOOD_PNC, { LocalAuthorizeOffline: true }));
  assert.equal(rest.length, 0);
  assert.match(d.file, /AuthCtrlr\.json$/);
  assert.equal(d.pointer, '/properties');
  assert.match(d.message, /no Enabled variable, so it is unset/);
});

test('no AuthCtrlr component at all is an error on the ISO15118Ctrlr file', () => {
  const dir = pncConfig(GOOD_PNC);
  rmSync(join(dir, 'standardized', 'AuthCtrlr.json'));
  const [d, ...rest] = runPnc(rule, dir);
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 'error');
  assert.match(d.file, /ISO15118Ctrlr\.json$/);
  assert.equal(d.pointer, '');
  assert.match(d.message, /no AuthCtrlr component/);
  // and without PnC nothing
  const off = pncConfig({ ...GOOD_PNC, PnCEnabled: false });
  rmSync(join(off, 'standardized', 'AuthCtrlr.json'));
  assert.deepEqual(runPnc(rule, off), []);
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

test("EVerest's shipped config sets AuthCtrlr.Enabled true: nothing", needsReference, async () => {
  const { report } = await runRule('pnc-auth-disabled', referenceCopy());
  assert.deepEqual(report.diagnostics, []);
});
