import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { REFERENCE, ROOT, fixture, needsReference } from '../support/paths.js';
import { copyTree, onDatabase, setStoredValue, treeFiles, withStation } from './station-edits.js';
import type { DbDifference } from '../../src/db/db-diff.js';

const SHIPPED = join(ROOT, 'component_config');

// the json output's differences are the library's own type
type Difference = DbDifference;

const json = async (db: string, config: string) => {
  const r = await runCli(['db', 'diff', '--db', db, '--config', config, '--format', 'json']);
  return { code: r.code, out: JSON.parse(r.stdout) as { equal: boolean; differences: Difference[] } };
};

test('a database just built from a tree has no differences from it: exit 0', async () => {
  for (const config of [SHIPPED, fixture('valid/evse-topology/component_config'), fixture('valid/slots/component_config')])
    await withStation(config, async (_dir, db) => {
      const r = await runCli(['db', 'diff', '--db', db, '--config', config]);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /^no differences between /);
      const j = await json(db, config);
      assert.equal(j.code, 0);
      assert.deepEqual(j.out.differences, []);
      assert.equal(j.out.equal, true);
    });
});

test("EVerest's own config and the database init-db builds from it do not differ", needsReference, async () => {
  const config = join(REFERENCE, 'everest-component-config');
  await withStation(config, async (_dir, db) => assert.equal((await runCli(['db', 'diff', '--db', db, '-c', config])).code, 0));
});

test(
  "the database libocpp itself built from EVerest's config does not differ from it, and --like gives the files back",
  needsReference,
  async () => {
    const config = join(REFERENCE, 'everest-component-config');
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-diff-libocpp-'));
    try {
      // a copy: the reference folder stays verbatim (a reader may leave -wal/-shm beside the file)
      const db = join(dir, 'component_config.db');
      copyFileSync(join(REFERENCE, 'libocpp-device-model-db/component_config.db'), db);
      const r = await runCli(['db', 'diff', '--db', db, '--config', config]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const out = join(dir, 'out');
      assert.equal((await runCli(['db', 'export', '--db', db, '--out', out, '--like', config, '--include-secrets'])).code, 0);
      assert.deepEqual(treeFiles(out), treeFiles(config));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('db diff lists exactly the values a station changed, each with who set it: exit 1', async () => {
  await withStation(SHIPPED, async (_dir, db) => {
    setStoredValue(db, 'OCPPCommCtrlr', 'HeartbeatInterval', '120', 'csms');
    setStoredValue(db, 'ClockCtrlr', 'DateTime', '2026-12-07T01:00:00Z', 'internal');
    const r = await runCli(['db', 'diff', '--db', db, '--config', SHIPPED]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.stdout);
    assert.match(
      lines[0],
      /^ClockCtrlr\.DateTime: Actual: tree "2025-01-01T00:00:00Z", database "2026-12-07T01:00:00Z", set by internal {2}.*standardized\/ClockCtrlr\.json:\d+:\d+$/,
    );
    assert.match(
      lines[1],
      /^OCPPCommCtrlr\.HeartbeatInterval: Actual: tree "300", database "120", set by csms {2}.*standardized\/OCPPCommCtrlr\.json:\d+:\d+$/,
    );
    assert.match(lines[2], /^2 differences between /);
    const j = await json(db, SHIPPED);
    assert.equal(j.code, 1);
    assert.equal(j.out.equal, false);
    assert.deepEqual(
      j.out.differences.map(({ kind, component, variable, what, tree, database, source }) => ({
        kind,
        component,
        variable,
        what,
        tree,
        database,
        source,
      })),
      [
        {
          kind: 'value',
          component: 'ClockCtrlr',
          variable: 'DateTime',
          what: 'Actual',
          tree: '2025-01-01T00:00:00Z',
          database: '2026-12-07T01:00:00Z',
          source: 'internal',
        },
        {
          kind: 'value',
          component: 'OCPPCommCtrlr',
          variable: 'HeartbeatInterval',
          what: 'Actual',
          tree: '300',
          database: '120',
          source: 'csms',
        },
      ],
    );
  });
});

test('layout, key order and descriptions never count; a value the tree changed does', async () => {
  const tree = copyTree(SHIPPED);
  try {
    await withStation(SHIPPED, async (_dir, db) => {
      const file = join(tree, 'standardized/OCPPCommCtrlr.json');
      const doc = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8'));
      for (const v of Object.values<{ description?: string }>(doc.properties)) delete v.description;
      writeFileSync(file, JSON.stringify(doc));
      assert.equal((await runCli(['db', 'diff', '--db', db, '--config', tree])).code, 0);
      doc.properties.HeartbeatInterval.attributes[0].value = 60;
      writeFileSync(file, JSON.stringify(doc));
      const j = await json(db, tree);
      assert.equal(j.code, 1);
      assert.deepEqual(
        j.out.differences.map((d) => [d.variable, d.tree, d.database, d.source]),
        [['HeartbeatInterval', '60', '300', 'default']],
      );
    });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('db diff lists limits, monitors a CSMS set, and what exists on one side only', async () => {
  await withStation(SHIPPED, async (_dir, db) => {
    onDatabase(
      db,
      `UPDATE VARIABLE_CHARACTERISTICS SET MAX_LIMIT = 7200 WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'HeartbeatInterval')`,
    );
    onDatabase(
      db,
      `INSERT INTO VARIABLE_MONITORING (VARIABLE_ID, SEVERITY, "TRANSACTION", TYPE_ID, CONFIG_TYPE_ID, "VALUE") VALUES ((SELECT ID FROM VARIABLE WHERE NAME = 'HeartbeatInterval'), 4, 0, 0, 2, 600)`,
    );
    onDatabase(db, `INSERT INTO COMPONENT (NAME) VALUES ('VendorCtrlr')`);
    onDatabase(
      db,
      `DELETE FROM VARIABLE_ATTRIBUTE WHERE VARIABLE_ID = (SELECT v.ID FROM VARIABLE v JOIN COMPONENT c ON c.ID = v.COMPONENT_ID WHERE c.NAME = 'ClockCtrlr' AND v.NAME = 'TimeSource')`,
    );
    const j = await json(db, SHIPPED);
    assert.equal(j.code, 1);
    const got = j.out.differences.map(
      (d) =>
        `${d.kind} ${d.component}${d.variable ? '.' + d.variable : ''} ${d.what}: ${d.tree} | ${d.database}${d.source ? ' by ' + d.source : ''}`,
    );
    assert.deepEqual(got.sort(), [
      'attribute ClockCtrlr.TimeSource Actual attribute: present | null',
      'component VendorCtrlr component: null | present',
      `limit OCPPCommCtrlr.HeartbeatInterval maxLimit: ${
        got
          .find((g) => g.includes('maxLimit'))!
          .split(': ')[1]
          .split(' |')[0]
      } | 7200`,
      'monitor OCPPCommCtrlr.HeartbeatInterval monitor UpperThreshold severity 4: null | CustomMonitor value 600 by csms',
    ]);
  });
});

test('db diff never prints a secret: the values of secret variables and blob passwords show only their length', async () => {
  const { plantedTree, PLANTED_VALUES } = await import('../secrets/planted-tree.js');
  const tree = plantedTree();
  try {
    await withStation(tree, async (_dir, db) => {
      setStoredValue(db, 'SecurityCtrlr', 'BasicAuthPassword', 'a-password-the-csms-set-1234', 'csms');
      onDatabase(
        db,
        `UPDATE VARIABLE_ATTRIBUTE SET "VALUE" = REPLACE("VALUE", 'ocpp', 'ocpp2') WHERE VARIABLE_ID = (SELECT ID FROM VARIABLE WHERE NAME = 'NetworkConnectionProfiles')`,
      );
      for (const format of ['stylish', 'json']) {
        const r = await runCli(['db', 'diff', '--db', db, '--config', tree, '--format', format]);
        assert.equal(r.code, 1);
        for (const s of [...PLANTED_VALUES, 'a-password-the-csms-set-1234'])
          assert.ok(!(r.stdout + r.stderr).includes(s), `${format} shows a secret`);
        assert.match(r.stdout, /\(secret, 28 characters\)/);
        assert.match(r.stdout, /NetworkConnectionProfiles/);
      }
    });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('db diff: input errors exit 2 with one clear line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-diff-bad-'));
  try {
    const missing = await runCli(['db', 'diff', '--db', join(dir, 'nope.db'), '--config', SHIPPED]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^ocppctl: no database at /);
    writeFileSync(join(dir, 'text.db'), 'not a database');
    const text = await runCli(['db', 'diff', '--db', join(dir, 'text.db'), '--config', SHIPPED]);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /not a readable SQLite database/);
    await withStation(SHIPPED, async (_d, db) => {
      const broken = await runCli(['db', 'diff', '--db', db, '--config', fixture('broken/json-syntax/component_config')]);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /json\.json|\.json:\d+:\d+: .*libocpp refuses/);
      const noTree = await runCli(['db', 'diff', '--db', db, '--config', join(dir, 'none')]);
      assert.equal(noTree.code, 2);
      const format = await runCli(['db', 'diff', '--db', db, '--config', SHIPPED, '--format', 'sarif']);
      assert.equal(format.code, 2);
      for (const r of [broken, noTree, format]) assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a component name with a newline or an escape sequence from a crafted database cannot forge lines or reach the terminal raw', async () => {
  await withStation(SHIPPED, async (_dir, db) => {
    onDatabase(db, `INSERT INTO COMPONENT (NAME) VALUES (?)`, 'Evil\nOCPPCommCtrlr.HeartbeatInterval: forged\u001b[2J');
    const r = await runCli(['db', 'diff', '--db', db, '--config', SHIPPED]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trimEnd().split('\n').length, 2, r.stdout);
    assert.doesNotMatch(r.stdout, /\u001b/);
    assert.match(r.stdout, /^Evil\\u000aOCPPCommCtrlr\.HeartbeatInterval: forged\\u001b\[2J: component only in the database$/m);
  });
});
