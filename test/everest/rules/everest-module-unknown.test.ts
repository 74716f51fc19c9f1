import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lineOf, station, validateStation, writeIn } from '../support.js';
import { needsReference } from '../../support/paths.js';

test('a module type without a manifest is a warning with did-you-mean, never a crash', needsReference, async () => {
  const s = station({ name: 'config-sil-ocpp201', edit: (t) => t.replace('module: PyEvJosev', 'module: PyEvJosef') });
  try {
    const r = await validateStation(s);
    const found = byRule(r, 'everest-module-unknown');
    assert.equal(r.code, 0);
    assert.deepEqual(
      found.map((d) => [d.severity, d.line]),
      [['warning', lineOf(s.text, 'module: PyEvJosef')]],
    );
    assert.match(found[0].message, /did you mean PyEvJosev/);
  } finally {
    s.cleanup();
  }
});

test('--everest-prefix reads the installed manifests: a custom module is known and checked, one without a manifest is a warning', async () => {
  const text = 'active_modules:\n  mine:\n    module: MyModule\n    config_module:\n      rate: fast\n  other:\n    module: NotInstalled\n';
  const s = station({ text });
  try {
    writeIn(
      s.dir,
      'prefix/libexec/everest/modules/MyModule/manifest.yaml',
      'description: mine\nconfig:\n  rate:\n    description: how often\n    type: integer\n    default: 1\nmetadata:\n  license: x\n  authors: [me]\n',
    );
    const r = await validateStation(s, ['--everest-prefix', 'prefix']);
    assert.deepEqual(
      byRule(r, 'everest-module-unknown').map((d) => [d.severity, d.line]),
      [['warning', 7]],
    );
    assert.match(byRule(r, 'everest-module-unknown')[0].message, /prefix\/libexec\/everest\/modules/);
    assert.deepEqual(
      byRule(r, 'everest-config-value').map((d) => d.line),
      [5],
    );
    assert.equal(r.code, 1);
    const builtIn = await validateStation(s);
    assert.equal(byRule(builtIn, 'everest-module-unknown').length, 2);
  } finally {
    s.cleanup();
  }
});
