import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/pnc-country-name.js';
import { GOOD_PNC, pncConfig, runPnc } from './pnc-harness.js';

test('two letters pass', () => {
  assert.deepEqual(runPnc(rule, pncConfig(GOOD_PNC)), []);
});

for (const bad of ['DEU', 'Germany', 'D1', ''])
  test(`CountryName ${JSON.stringify(bad)} is an error at its value`, () => {
    const [d, ...rest] = runPnc(rule, pncConfig({ ...GOOD_PNC, CountryName: bad }));
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/properties/CountryName/attributes/0/value');
  });

test('with PnC and certificate installation off, nothing', () => {
  assert.deepEqual(
    runPnc(rule, pncConfig({ ...GOOD_PNC, PnCEnabled: false, V2GCertificateInstallationEnabled: false, CountryName: 'DEU' })),
    [],
  );
});
