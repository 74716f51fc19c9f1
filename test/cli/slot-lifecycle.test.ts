import { needsReference } from '../support/paths.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { initDb } from '../../src/db/index.js';
import { runCli } from '../support/cli.js';
import { copyConfig } from '../slots/config-copy.js';
import { legacyBlobCopy, setActual, stationCopy } from '../support/port-a-trees.js';

const priority = (dir: string) => {
  const p = JSON.parse(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8')).properties.NetworkConfigurationPriority;
  return { value: p.attributes[0].value, valuesList: p.characteristics.valuesList };
};

async function clean(dir: string) {
  const v = await runCli(['validate', dir, '--format', 'json']);
  assert.equal(JSON.parse(v.stdout).summary.errors, 0, v.stdout);
}

async function ok(args: string[], env: Record<string, string> = {}) {
  const r = await runCli(args, { env });
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

// a station whose connection is still in the legacy blob: the project's own, and EVerest's where ../shared is present
const legacyTrees: [string, () => string, { skip?: string }][] = [
  ["the project's legacy-blob tree", legacyBlobCopy, {}],
  ["EVerest's config", () => copyConfig('everest-component-config'), needsReference],
];

for (const [name, tree, opts] of legacyTrees)
  test(
    `migrate, add a third slot, reorder, remove: value and valuesList stay consistent and validate stays clean (${name})`,
    opts,
    async () => {
      const dir = tree();
      await ok(['migrate', '-c', dir]);
      await clean(dir);
      await ok(['add-slot', '-c', dir, '--url', 'ws://a.example', '--security-profile', '1']);
      assert.deepEqual(priority(dir), { value: '1,3', valuesList: '1,2,3' });
      await clean(dir);
      await ok(['set-priority', '3,1', '-c', dir]);
      assert.deepEqual(priority(dir), { value: '3,1', valuesList: '1,2,3' });
      await clean(dir);
      await ok(['remove-slot', '2', '-c', dir]);
      assert.equal(existsSync(join(dir, 'standardized/NetworkConfiguration_2.json')), false);
      assert.deepEqual(priority(dir), { value: '3,1', valuesList: '1,3' });
      await clean(dir);
      await ok(['set-priority', '3', '-c', dir]);
      await ok(['remove-slot', '1', '-c', dir]);
      assert.deepEqual(priority(dir), { value: '3', valuesList: '3' });
      await clean(dir);

      // the database libocpp would build from the result holds what the steps intended
      const file = join(dirname(dir), 'dm.db');
      assert.equal((await initDb({ config: dir, db: file })).status, 'created');
      const db = new Database(file, { readonly: true });
      const actual = (component: string, instance: string | null, variable: string) =>
        (
          db
            .prepare(
              `SELECT A.VALUE AS v FROM VARIABLE_ATTRIBUTE A JOIN VARIABLE V ON V.ID = A.VARIABLE_ID JOIN COMPONENT C ON C.ID = V.COMPONENT_ID
           WHERE C.NAME = ? AND C.INSTANCE IS ? AND V.NAME = ? AND A.TYPE_ID = 0`,
            )
            .get(component, instance, variable) as { v: string } | undefined
        )?.v;
      assert.equal(actual('OCPPCommCtrlr', null, 'NetworkConfigurationPriority'), '3');
      assert.equal(actual('NetworkConfiguration', '3', 'OcppCsmsUrl'), 'ws://a.example');
      assert.equal(actual('NetworkConfiguration', '3', 'SecurityProfile'), '1');
      assert.equal(actual('NetworkConfiguration', '1', 'OcppCsmsUrl'), undefined);
      assert.equal(actual('InternalCtrlr', null, 'NetworkConnectionProfiles'), '');
      db.close();
    },
  );

test('remove-slot refuses a slot the priority lists, naming the set-priority that frees it', async () => {
  const dir = await stationCopy();
  await ok(['add-slot', '-c', dir, '--url', 'ws://a.example', '--security-profile', '1', '--priority', 'first']);
  const listed = await runCli(['remove-slot', '3', '-c', dir]);
  assert.equal(listed.code, 1);
  assert.match(listed.stderr, /slot 3 is listed in NetworkConfigurationPriority \(3,1\); run "ocppctl set-priority 1" first/);
  await ok(['set-priority', '1', '-c', dir]);
  await ok(['remove-slot', '3', '-c', dir]);
  assert.deepEqual(priority(dir), { value: '1', valuesList: '1,2' });
});

test('remove-slot refuses the last usable slot unless --force', async () => {
  const dir = await stationCopy();
  setActual(dir, 'OCPPCommCtrlr', 'NetworkConfigurationPriority', '2');
  const last = await runCli(['remove-slot', '1', '-c', dir]);
  assert.equal(last.code, 1);
  assert.match(last.stderr, /slot 1 is the last usable slot/);
  await ok(['remove-slot', '1', '-c', dir, '--force']);
  assert.equal(existsSync(join(dir, 'standardized/NetworkConfiguration_1.json')), false);
});

test('set-priority refuses a missing or unusable slot, and --dry-run writes nothing', async () => {
  const dir = await stationCopy();
  const missing = await runCli(['set-priority', '7', '-c', dir]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /slot 7 does not exist/);
  const unusable = await runCli(['set-priority', '2,1', '-c', dir]);
  assert.equal(unusable.code, 1);
  assert.match(unusable.stderr, /slot 2 is not usable: OcppCsmsUrl has no value; fix it first or pass --force/);
  assert.equal((await runCli(['set-priority', '1,1', '-c', dir])).code, 2);
  await ok(['add-slot', '-c', dir, '--url', 'ws://a.example', '--security-profile', '1']);
  const before = readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8');
  const dry = await ok(['set-priority', '3,1', '-c', dir, '--dry-run']);
  assert.match(dry.stdout, /^-\s+"value": "1,3"\n\+\s+"value": "3,1"$/m);
  assert.equal(readFileSync(join(dir, 'standardized/OCPPCommCtrlr.json'), 'utf8'), before);
});

test('add-slot on a config whose legacy blob is still pending explains why it is refused', async () => {
  const dir = legacyBlobCopy();
  const r = await runCli(['add-slot', '-c', dir, '--url', 'ws://a.example', '--security-profile', '1']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /run "ocppctl migrate" first/);
  assert.equal(existsSync(join(dir, 'standardized/NetworkConfiguration_3.json')), false);
});
