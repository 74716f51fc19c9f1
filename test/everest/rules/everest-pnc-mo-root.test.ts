import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestPki } from '../../../src/csms/index.js';
import { evseSecurityCertsDir } from '../../../src/everest/pnc.js';
import { component } from '../../slots/slot-config.js';
import { byRule, lineOf, station, validateStation, writeIn } from '../support.js';

const yaml = (opts: { security?: string; evseSecurity?: boolean } = {}) => `active_modules:
  ocpp:
    module: OCPP201
    connections:
      evse_manager:
        - module_id: evse_manager_1
          implementation_id: evse
      security:
        - module_id: ${opts.evseSecurity === false ? 'evse_manager_1' : 'evse_security'}
          implementation_id: main
  evse_manager_1:
    module: EvseManager
    config_module:
      payment_enable_contract: true
${
  opts.evseSecurity === false
    ? ''
    : `  evse_security:
    module: EvseSecurity
${opts.security ? `    config_module:\n${opts.security}` : ''}`
}`;

/** A station folder with the YAML and a device model whose ISO15118Ctrlr has these values. */
function pncStation(iso: Record<string, boolean>, opts: Parameters<typeof yaml>[0] = {}) {
  const s = station({ text: yaml(opts) });
  const vars = Object.fromEntries(Object.entries(iso).map(([k, v]) => [k, { value: v, dataType: 'boolean' }]));
  writeIn(s.dir, 'component_config/standardized/ISO15118Ctrlr.json', JSON.stringify(component('ISO15118Ctrlr', vars), null, 2));
  mkdirSync(join(s.dir, 'component_config/custom'), { recursive: true });
  return s;
}

const run = (s: ReturnType<typeof station>, prefix: string[] = ['--everest-prefix', 'prefix']) =>
  validateStation(s, ['component_config', ...prefix, '--rule', 'everest-pnc-mo-root']);

const MO_ROOT = 'prefix/etc/everest/certs/ca/mo/MO_ROOT_CA.pem';

test('PnC on, central validation not allowed and no MO root under <prefix>/etc/everest/certs: a warning at EvseSecurity', async () => {
  const s = pncStation({ PnCEnabled: true, CentralContractValidationAllowed: false });
  try {
    mkdirSync(join(s.dir, 'prefix'));
    const missing = byRule(await run(s), 'everest-pnc-mo-root');
    assert.deepEqual(
      missing.map((d) => [d.severity, d.line, d.pointer]),
      [['warning', lineOf(s.text, 'evse_security:\n    module'), '/active_modules/evse_security']],
    );
    assert.match(missing[0].message, /ca\/mo\/MO_ROOT_CA\.pem \(.*prefix\/etc\/everest\/certs\/ca\/mo\/MO_ROOT_CA\.pem\) does not exist/);
    assert.match(missing[0].message, /CentralContractValidationAllowed is false/);
    assert.match(missing[0].message, /every online Plug&Charge authorization is Invalid/);
    assert.match(missing[0].related?.[0].file ?? '', /ISO15118Ctrlr\.json$/);

    writeIn(s.dir, MO_ROOT, '');
    const empty = byRule(await run(s), 'everest-pnc-mo-root');
    assert.equal(empty.length, 1);
    assert.match(empty[0].message, /holds no PEM certificate/);

    writeIn(s.dir, MO_ROOT, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    assert.match(byRule(await run(s), 'everest-pnc-mo-root')[0].message, /holds no certificate that parses/);

    writeIn(s.dir, MO_ROOT, (await makeTestPki()).ca.cert);
    assert.deepEqual(byRule(await run(s), 'everest-pnc-mo-root'), []);
  } finally {
    s.cleanup();
  }
});

test('a folder as mo_ca_bundle counts its *.pem files, as libevse-security reads them', async () => {
  const s = pncStation({ PnCEnabled: true }, { security: '      mo_ca_bundle: ca/mo\n' });
  try {
    mkdirSync(join(s.dir, 'prefix/etc/everest/certs/ca/mo'), { recursive: true });
    const found = byRule(await run(s), 'everest-pnc-mo-root');
    // no CentralContractValidationAllowed at all: libocpp reads it as false
    assert.deepEqual(
      found.map((d) => [d.severity, d.pointer]),
      [['warning', '/active_modules/evse_security/config_module/mo_ca_bundle']],
    );
    assert.match(found[0].message, /is a folder without \*\.pem files/);
    assert.match(found[0].message, /CentralContractValidationAllowed is unset \(libocpp reads it as false\)/);
    writeIn(s.dir, 'prefix/etc/everest/certs/ca/mo/root.pem', (await makeTestPki()).ca.cert);
    assert.deepEqual(byRule(await run(s), 'everest-pnc-mo-root'), []);
  } finally {
    s.cleanup();
  }
});

test('an absolute mo_ca_bundle is checked as written, without a prefix', async () => {
  const probe = station({ text: yaml() });
  const file = join(probe.dir, 'mo-root.pem');
  const s = pncStation({ PnCEnabled: true, CentralContractValidationAllowed: false }, { security: `      mo_ca_bundle: ${file}\n` });
  try {
    const found = byRule(await run(s, []), 'everest-pnc-mo-root');
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['warning', lineOf(s.text, 'mo_ca_bundle:')]],
    );
    assert.match(found[0].message, /mo-root\.pem does not exist/);
    writeFileSync(file, (await makeTestPki()).ca.cert);
    assert.deepEqual(byRule(await run(s, []), 'everest-pnc-mo-root'), []);
  } finally {
    s.cleanup();
    probe.cleanup();
  }
});

test('a relative mo_ca_bundle without a prefix is an info that says it was not checked', async () => {
  const s = pncStation({ PnCEnabled: true, CentralContractValidationAllowed: false });
  try {
    const found = byRule(await run(s, []), 'everest-pnc-mo-root');
    assert.deepEqual(
      found.map((d) => [d.severity, d.pointer]),
      [['info', '/active_modules/evse_security']],
    );
    assert.match(found[0].message, /not checked/);
  } finally {
    s.cleanup();
  }
});

test('central contract validation allowed, or PnC off: nothing, MO root or not', async () => {
  for (const iso of [
    { PnCEnabled: true, CentralContractValidationAllowed: true },
    { PnCEnabled: false, CentralContractValidationAllowed: false },
  ]) {
    const s = pncStation(iso);
    try {
      mkdirSync(join(s.dir, 'prefix'));
      assert.deepEqual(byRule(await run(s), 'everest-pnc-mo-root'), [], JSON.stringify(iso));
    } finally {
      s.cleanup();
    }
  }
});

test('no EvseSecurity module: a warning at the OCPP module', async () => {
  const s = pncStation({ PnCEnabled: true, CentralContractValidationAllowed: false }, { evseSecurity: false });
  try {
    mkdirSync(join(s.dir, 'prefix'));
    const found = byRule(await run(s), 'everest-pnc-mo-root');
    assert.deepEqual(
      found.map((d) => [d.severity, d.pointer]),
      [['warning', '/active_modules/ocpp']],
    );
    assert.match(found[0].message, /no EvseSecurity module/);
  } finally {
    s.cleanup();
  }
});

test("EvseSecurity's certificates folder follows everest-framework's etc rule", () => {
  assert.equal(evseSecurityCertsDir('/usr'), '/etc/everest/certs');
  assert.equal(evseSecurityCertsDir('/opt/everest/usr'), '/opt/everest/etc/everest/certs');
  assert.equal(evseSecurityCertsDir('/opt/everest'), '/opt/everest/etc/everest/certs');
});
