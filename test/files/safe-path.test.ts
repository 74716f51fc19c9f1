import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSafeName, safeJoin } from '../../src/files/safe-path.js';
import { isOcppctlError } from '../../src/errors.js';

const refused = (fn: () => unknown) => assert.throws(fn, (e) => isOcppctlError(e) && e.code === 'INPUT');

test('names and instances that would leave the folder are refused', () => {
  for (const bad of ['../EVSE', '..', '.', '', 'a/b', 'a\\b', '/etc/passwd', 'EVSE\0x', 'EVSE\n1'])
    refused(() => assertSafeName(bad, 'component name'));
  for (const good of ['EVSE', 'NetworkConfiguration', 'Connector 1', 'Zähler', 'a..b', '..a'])
    assert.equal(assertSafeName(good, 'instance'), good);
});

test('the refusal message names the value without echoing a raw NUL', () => {
  assert.throws(() => assertSafeName('x\0y', 'instance'), /instance "x\\\\0y" cannot be used in a file name/);
});

test('paths inside the config folder are joined; ../, absolute paths and NUL are refused', () => {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-safe-'));
  assert.equal(safeJoin(root, 'standardized/EVSE_1.json'), join(root, 'standardized/EVSE_1.json'));
  assert.equal(safeJoin(root, 'custom/new/../EVSE_2.json'), join(root, 'custom/EVSE_2.json'));
  for (const bad of ['../x.json', 'standardized/../../x.json', '/etc/passwd', 'C:/x', 'custom/\0.json', '..'])
    refused(() => safeJoin(root, bad));
});

test('a symbolic link inside the folder that points outside is refused', () => {
  const root = mkdtempSync(join(tmpdir(), 'ocppctl-safe-'));
  const outside = mkdtempSync(join(tmpdir(), 'ocppctl-outside-'));
  mkdirSync(join(root, 'standardized'));
  symlinkSync(outside, join(root, 'custom'));
  refused(() => safeJoin(root, 'custom/EVSE_1.json'));
  refused(() => safeJoin(root, 'custom/deeper/EVSE_1.json'));
  assert.ok(safeJoin(root, 'standardized/A.json'));
});
