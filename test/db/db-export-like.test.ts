import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { REFERENCE, ROOT, fixture, needsReference } from '../support/paths.js';
import { naturalRows } from './device-model-rows.js';
import { changedLines, copyTree, modeOf, onDatabase, setStoredValue, treeFiles, withStation } from './station-edits.js';

const SHIPPED = join(ROOT, 'component_config');

for (const [label, config, flags] of [
  ['the shipped component_config', SHIPPED, []],
  ['the evse-topology fixture (custom/ components)', fixture('valid/evse-topology/component_config'), []],
  // custom/ClockCtrlr.json replaces standardized/ClockCtrlr.json: both files come back, each as it was
  ['a tree where custom/ overrides standardized/', fixture('broken/duplicate-component-override/component_config'), ['--include-secrets']],
  // the slots fixture holds a password: without --include-secrets its value is left out
  ['the slots fixture', fixture('valid/slots/component_config'), ['--include-secrets']],
] as const)
  test(`db export --like ${flags.join(' ')} gives ${label} back byte for byte when the station changed nothing`, async () => {
    await withStation(config, async (dir, db) => {
      const out = join(dir, 'out');
      const r = await runCli(['db', 'export', '--db', db, '--out', out, '--like', config, ...flags]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /, 0 values changed from the tree\n$/);
      assert.equal(r.stderr, '', 'nothing left out, nothing to note');
      assert.deepEqual(treeFiles(out), treeFiles(config));
    });
  });

test(
  "EVerest's config comes back byte for byte with --include-secrets, and without it loses only its two secret values",
  needsReference,
  async () => {
    const config = join(REFERENCE, 'everest-component-config');
    await withStation(config, async (dir, db) => {
      const all = join(dir, 'all');
      assert.equal((await runCli(['db', 'export', '--db', db, '--out', all, '--like', config, '--include-secrets'])).code, 0);
      assert.deepEqual(treeFiles(all), treeFiles(config));
      const out = join(dir, 'out');
      const r = await runCli(['db', 'export', '--db', db, '--out', out, '--like', config]);
      assert.equal(r.code, 0);
      assert.match(
        r.stderr,
        /^note: left out the secret values of InternalCtrlr\.NetworkConnectionProfiles, SecurityCtrlr\.BasicAuthPassword; --include-secrets writes them/m,
      );
      const differ = [...treeFiles(out)].filter(([name, bytes]) => !bytes.equals(treeFiles(config).get(name)!)).map(([name]) => name);
      assert.deepEqual(differ, ['standardized/InternalCtrlr.json', 'standardized/SecurityCtrlr.json']);
      assert.doesNotMatch(readFileSync(join(out, 'standardized/SecurityCtrlr.json'), 'utf8'), /DEADBEEF/);
    });
  },
);

test('one value the station changed changes exactly one line, keeping the JSON string type', async () => {
  await withStation(SHIPPED, async (dir, db) => {
    setStoredValue(db, 'OCPPCommCtrlr', 'HeartbeatInterval', '120');
    const out = join(dir, 'out');
    const r = await runCli(['db', 'export', '--db', db, '--out', out, '--like', SHIPPED]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /, 1 value changed from the tree\n$/);
    const before = treeFiles(SHIPPED);
    const after = treeFiles(out);
    const differ = [...after].filter(([name, bytes]) => !bytes.equals(before.get(name)!)).map(([name]) => name);
    assert.deepEqual(differ, ['standardized/OCPPCommCtrlr.json']);
    const lines = changedLines(before.get(differ[0])!.toString(), after.get(differ[0])!.toString());
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.equal(lines[0][2], lines[0][1].replace('"300"', '"120"'));
    // and the tree that comes out builds the station's database again
    const again = join(dir, 'again.db');
    assert.equal((await runCli(['init-db', '-c', out, '--db', again])).code, 0);
    assert.equal(naturalRows(again).length, naturalRows(db).length);
    assert.equal((await runCli(['db', 'diff', '--db', db, '--config', out])).code, 0);
  });
});

// A hand-written layout: four-space indents, one-line attributes, a number, a boolean, a value from "default",
// an attribute with no value, a description and keys in an unusual order
const ODD = `{
    "properties": {
        "Interval": {"variable_name": "Interval", "attributes": [{"type": "Actual", "mutability": "ReadWrite", "value": 60}],
            "characteristics": {"dataType": "integer", "supportsMonitoring": false, "unit": "s"}, "description": "kept"},
        "Enabled": {"variable_name": "Enabled", "characteristics": {"dataType": "boolean", "supportsMonitoring": false},
            "attributes": [{"type": "Actual", "mutability": "ReadWrite", "value": true}]},
        "Mode": {"variable_name": "Mode", "default": "Fast", "characteristics": {"dataType": "string", "supportsMonitoring": false},
            "attributes": [{"type": "Actual", "mutability": "ReadWrite"}]},
        "Label": {"variable_name": "Label", "characteristics": {"dataType": "string", "supportsMonitoring": false},
            "attributes": [{"type": "Actual", "mutability": "ReadWrite"}, {"type": "Target", "mutability": "ReadWrite", "value": "x"}]}
    },
    "name": "VendorCtrlr",
    "type": "object"
}
`;

test('--like keeps a hand-written layout: numbers stay numbers, booleans booleans, a default is changed where it is written', async () => {
  const config = mkdtempSync(join(tmpdir(), 'ocppctl-like-odd-'));
  try {
    mkdirSync(join(config, 'standardized'));
    writeFileSync(join(config, 'standardized/VendorCtrlr.json'), ODD);
    await withStation(config, async (dir, db) => {
      setStoredValue(db, 'VendorCtrlr', 'Interval', '90');
      setStoredValue(db, 'VendorCtrlr', 'Enabled', 'false', 'internal');
      setStoredValue(db, 'VendorCtrlr', 'Mode', 'Slow');
      setStoredValue(db, 'VendorCtrlr', 'Label', 'front', 'csms');
      const out = join(dir, 'out');
      const r = await runCli(['db', 'export', '--db', db, '--out', out, '--like', config]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /, 4 values changed from the tree/);
      const text = readFileSync(join(out, 'standardized/VendorCtrlr.json'), 'utf8');
      assert.equal(
        text,
        ODD.replace('"value": 60}', '"value": 90}')
          .replace('"value": true}', '"value": false}')
          .replace('"default": "Fast"', '"default": "Slow"')
          .replace(
            '[{"type": "Actual", "mutability": "ReadWrite"}, {"type": "Target"',
            '[{"type": "Actual", "mutability": "ReadWrite", "value": "front"}, {"type": "Target"',
          ),
      );
      // libocpp's built-in OCPP16LegacyCtrlr, which init-db added and the station left alone, is not written
      assert.equal(existsSync(join(out, 'standardized/OCPP16LegacyCtrlr.json')), false);
      // the export builds a database with the station's values
      const diff = await runCli(['db', 'diff', '--db', db, '--config', out]);
      assert.equal(diff.code, 0, diff.stdout);
    });
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
});

test('a component only in the database is written as a new file with a note; one only in the tree is left out with a note', async () => {
  const tree = copyTree(SHIPPED);
  try {
    await withStation(SHIPPED, async (dir, db) => {
      rmSync(join(tree, 'standardized/ClockCtrlr.json'));
      writeFileSync(
        join(tree, 'standardized/ExtraCtrlr.json'),
        JSON.stringify(
          {
            name: 'ExtraCtrlr',
            properties: {
              Enabled: {
                variable_name: 'Enabled',
                characteristics: { dataType: 'boolean', supportsMonitoring: false },
                attributes: [{ type: 'Actual', value: 'true' }],
              },
            },
          },
          null,
          2,
        ),
      );
      const out = join(dir, 'out');
      const r = await runCli(['db', 'export', '--db', db, '--out', out, '--like', tree]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^note: standardized\/ExtraCtrlr\.json: the database has no component ExtraCtrlr; left out$/m);
      assert.match(
        r.stderr,
        /^note: standardized\/ClockCtrlr\.json: ClockCtrlr is in the database but in no file of .*; written as a new file$/m,
      );
      assert.equal(existsSync(join(out, 'standardized/ExtraCtrlr.json')), false);
      const clock = JSON.parse(readFileSync(join(out, 'standardized/ClockCtrlr.json'), 'utf8'));
      assert.equal(clock.name, 'ClockCtrlr');
      assert.equal(clock.properties.DateTime.attributes[0].value, '2025-01-01T00:00:00Z');
    });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('secrets are left out of plain and --like exports, named in one note, and written 0600 with --include-secrets', async () => {
  const { plantedTree, PLANTED_VALUES } = await import('../secrets/planted-tree.js');
  const tree = plantedTree();
  try {
    await withStation(tree, async (dir, db) => {
      setStoredValue(db, 'SecurityCtrlr', 'BasicAuthPassword', 'a-password-the-csms-set-1234', 'csms');
      const secrets = [...PLANTED_VALUES, 'a-password-the-csms-set-1234'];
      for (const like of [[], ['--like', tree]]) {
        const out = join(dir, `out${like.length}`);
        const r = await runCli(['db', 'export', '--db', db, '--out', out, ...like]);
        assert.equal(r.code, 0, r.stderr);
        const notes = r.stderr.split('\n').filter((l) => l.startsWith('note: left out the secret values'));
        assert.equal(notes.length, 1, r.stderr);
        assert.match(notes[0], /SecurityCtrlr\.BasicAuthPassword/);
        assert.match(notes[0], /NetworkConfiguration\.BasicAuthPassword|InternalCtrlr\.NetworkConnectionProfiles/);
        for (const [name, bytes] of treeFiles(out))
          for (const s of secrets) assert.ok(!bytes.toString().includes(s), `${name} holds a secret (${like.join(' ') || 'plain'})`);
        for (const s of secrets) assert.ok(!(r.stdout + r.stderr).includes(s));

        const all = join(dir, `all${like.length}`);
        const w = await runCli(['db', 'export', '--db', db, '--out', all, '--include-secrets', ...like]);
        assert.equal(w.code, 0, w.stderr);
        assert.doesNotMatch(w.stderr, /left out the secret values/);
        const security = join(all, 'standardized/SecurityCtrlr.json');
        assert.match(readFileSync(security, 'utf8'), /a-password-the-csms-set-1234/);
        assert.equal(modeOf(security), 0o600);
        const holding = [...treeFiles(all)].filter(([, bytes]) => secrets.some((s) => bytes.toString().includes(s))).map(([n]) => n);
        assert.ok(holding.length >= 3, holding.join());
        for (const name of holding) assert.equal(modeOf(join(all, name)), 0o600, name);
        assert.notEqual(modeOf(join(all, 'standardized/ClockCtrlr.json')) & 0o044, 0, 'a file without secrets keeps the usual mode');
      }
    });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('--like refuses a missing tree, a tree libocpp refuses, and a database it cannot read (exit 2, nothing written)', async () => {
  await withStation(SHIPPED, async (dir, db) => {
    const out = join(dir, 'out');
    const missing = await runCli(['db', 'export', '--db', db, '--out', out, '--like', join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no component_config folder/);
    const broken = await runCli(['db', 'export', '--db', db, '--out', out, '--like', fixture('broken/json-syntax/component_config')]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /libocpp refuses .*nothing to compare/);
    onDatabase(db, 'PRAGMA user_version = 0');
    const old = await runCli(['db', 'export', '--db', db, '--out', out, '--like', SHIPPED]);
    assert.equal(old.code, 2);
    assert.match(old.stderr, /user_version 0/);
    assert.equal(existsSync(out), false);
  });
});

test('a value of a component that custom/ overrides goes into the custom/ file; the standardized/ one comes back as it was', async () => {
  const config = fixture('broken/duplicate-component-override/component_config');
  await withStation(config, async (dir, db) => {
    setStoredValue(db, 'ClockCtrlr', 'TimeSource', 'Heartbeat', 'csms');
    const out = join(dir, 'out');
    // the fixture's SecurityCtrlr holds a password
    const r = await runCli(['db', 'export', '--db', db, '--out', out, '--like', config, '--include-secrets']);
    assert.equal(r.code, 0, r.stderr);
    const before = treeFiles(config);
    const after = treeFiles(out);
    const differ = [...after].filter(([name, bytes]) => !bytes.equals(before.get(name)!)).map(([name]) => name);
    assert.deepEqual(differ, ['custom/ClockCtrlr.json']);
    assert.deepEqual(
      changedLines(before.get(differ[0])!.toString(), after.get(differ[0])!.toString()).map(([, , line]) => line.trim()),
      ['"attributes": [{ "type": "Actual", "mutability": "ReadWrite", "value": "Heartbeat" }]'],
    );
  });
});
