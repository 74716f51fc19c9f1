import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { shippedCopy } from '../support/port-b-trees.js';

// One small component file per case, next to a copy of the project's shipped config (no ../shared needed), and an
// existing database that a refusal must leave byte-identical.

function variable(overrides: Record<string, unknown>, characteristics: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    variable_name: 'V',
    characteristics: { supportsMonitoring: true, dataType: 'integer', ...characteristics },
    attributes: [{ type: 'Actual', mutability: 'ReadWrite' }],
    ...overrides,
  };
}

async function initWith(component: unknown, extra: string[] = [], raw?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-accept-'));
  const config = shippedCopy(join(dir, 'cc'));
  const db = join(dir, 'station.db');
  assert.equal((await runCli(['init-db', '--config', config, '--db', db])).code, 0);
  const before = readFileSync(db);
  writeFileSync(join(config, 'standardized/CaseCtrlr.json'), raw ?? JSON.stringify(component, null, 2));
  const result = await runCli(['init-db', '--config', config, '--db', db, '--format', 'json', ...extra]);
  const untouched = readFileSync(db).equals(before) && readdirSync(dir).sort().join() === 'cc,station.db';
  rmSync(dir, { recursive: true, force: true });
  return {
    ...result,
    untouched,
    out: JSON.parse(result.stdout) as { status: string; diagnostics: { ruleId: string; pointer: string; line: number; file: string }[] },
  };
}

const component = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: 'CaseCtrlr',
  ...extra,
  properties,
});

const REFUSED: [string, unknown, string, string?][] = [
  ['a component without a name', { properties: { V: variable({}) } }, ''],
  ['a unit over 16 bytes', component({ V: variable({}, { unit: 'KilowattHoursPerDay' }) }), '/properties/V/characteristics/unit'],
  [
    'an attribute value over 2500 bytes',
    component({ V: variable({ attributes: [{ type: 'Actual', value: 'x'.repeat(2501) }] }, { dataType: 'string' }) }),
    '/properties/V/attributes/0/value',
  ],
  ['an unknown dataType', component({ V: variable({}, { dataType: 'Integer' }) }), '/properties/V/characteristics/dataType'],
  [
    'an unknown mutability',
    component({ V: variable({ attributes: [{ type: 'Actual', mutability: 'ReadWriteOnce' }] }) }),
    '/properties/V/attributes/0/mutability',
  ],
  ['an unknown attribute type', component({ V: variable({ attributes: [{ type: 'actual' }] }) }), '/properties/V/attributes/0/type'],
  ['evse_id given as a string', component({ V: variable({}) }, { evse_id: '1' }), '/evse_id'],
  [
    'supportsMonitoring given as a string',
    component({ V: variable({}, { supportsMonitoring: 'true' }) }),
    '/properties/V/characteristics/supportsMonitoring',
  ],
  [
    'a variable without attributes',
    component({ V: { variable_name: 'V', characteristics: { supportsMonitoring: true, dataType: 'string' } } }),
    '/properties/V',
  ],
  [
    'an integer written as 1e3',
    component({ V: variable({ default: 1e3 }) }),
    '/properties/V/default',
    '{"name":"CaseCtrlr","properties":{"V":{"variable_name":"V","characteristics":{"supportsMonitoring":true,"dataType":"integer"},"attributes":[{"type":"Actual"}],"default":1e3}}}',
  ],
  [
    'a lone UTF-16 surrogate escape (JSON.parse takes it, nlohmann does not)',
    null,
    '',
    '{"name":"CaseCtrlr","properties":{"V":{"variable_name":"V","characteristics":{"supportsMonitoring":true,"dataType":"string"},"attributes":[{"type":"Actual"}],"default":"\\ud83d x"}}}',
  ],
  [
    'a month 13 dateTime',
    component({ V: variable({ default: '2024-13-01T00:00:00Z' }, { dataType: 'dateTime' }) }),
    '/properties/V/default',
  ],
  [
    'a Delta monitor without reference_value',
    component({ V: variable({ monitors: [{ config_type: 'HardWiredMonitor', severity: 5, type: 'Delta', value: 1 }] }) }),
    '/properties/V/monitors/0',
  ],
  [
    'monitors on a variable without monitoring',
    component({ V: variable({ monitors: [] }, { supportsMonitoring: false }) }),
    '/properties/V/monitors',
  ],
];

for (const [what, json, pointer, raw] of REFUSED)
  test(`refuses ${what} with a located diagnostic, exit 1, the database untouched`, async () => {
    const r = await initWith(json, [], raw);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.out.status, 'refused');
    assert.ok(r.untouched);
    const d = r.out.diagnostics.find((x) => x.pointer === pointer && x.file.endsWith('standardized/CaseCtrlr.json'));
    assert.ok(d, `no diagnostic at ${pointer}: ${JSON.stringify(r.out.diagnostics)}`);
    assert.ok(d.line >= 1);
  });

test('refuses malformed JSON with the json-syntax diagnostic and its line', async () => {
  const r = await initWith(undefined, [], '{\n  "name": "CaseCtrlr",\n  "properties": {,}\n}');
  assert.equal(r.code, 1);
  assert.ok(r.untouched);
  assert.deepEqual(
    r.out.diagnostics.map((d) => [d.ruleId, d.line]),
    [['json-syntax', 3]],
  );
});

// libocpp builds these, so init-db does too; validate (and --strict) still flags them
const ACCEPTED: [string, unknown][] = [
  [
    'integer defaults "+", "-", "007" and ""',
    component({
      A: variable({ default: '+' }),
      B: variable({ default: '-', variable_name: 'B' }),
      C: variable({ default: '007', variable_name: 'C' }),
      D: variable({ default: '', variable_name: 'D' }),
    }),
  ],
  ['an array default on a string', component({ V: variable({ default: [1, 'a'] }, { dataType: 'string' }) })],
  [
    'the 30th of February (libocpp checks only the pattern)',
    component({ V: variable({ default: '2024-02-30T00:00:00Z' }, { dataType: 'dateTime' }) }),
  ],
];

for (const [what, json] of ACCEPTED)
  test(`accepts ${what} as libocpp does`, async () => {
    const r = await initWith(json);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.out.status, 'updated');
  });

test('--strict also refuses on validate errors that libocpp itself would build', async () => {
  const r = await initWith(ACCEPTED[0][1], ['--strict']);
  assert.equal(r.code, 1);
  assert.equal(r.out.status, 'refused');
  assert.ok(r.untouched);
  assert.ok(r.out.diagnostics.some((d) => d.pointer.startsWith('/properties/A/default')));
});

test('a file without "properties" is skipped with a warning, as libocpp skips it', async () => {
  const r = await initWith({ name: 'CaseCtrlr' });
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.out.diagnostics.map((d) => d.ruleId),
    ['component-schema'],
  );
});

test("libocpp's wrong-value-type test config is refused with its four errors", needsReference, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-accept-'));
  try {
    const db = join(dir, 'x.db');
    const r = await runCli([
      'init-db',
      '--config',
      join(REFERENCE, 'libocpp-tests/resources_wrong/component_config_wrong_value_type'),
      '--db',
      db,
      '--format',
      'json',
    ]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; pointer: string }[] };
    assert.deepEqual(
      out.diagnostics.map((d) => d.pointer),
      [
        '/properties/UnitTestPropertyA/attributes/0/value',
        '/properties/UnitTestPropertyB/attributes/0/value',
        '/properties/UnitTestPropertyB/default',
        '/properties/UnitTestPropertyC/default',
      ],
    );
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
