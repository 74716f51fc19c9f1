import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { REFERENCE, ROOT, needsReference } from '../support/paths.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const plainSchema = readJson(join(ROOT, 'schemas/component.schema.json')) as Record<string, unknown>;
const editorSchema = readJson(join(ROOT, 'schemas/component.editor.schema.json')) as Record<string, any>;
// enumDescriptions is VS Code's keyword, unknown to ajv: strict mode off, as editors treat it
const compile = (schema: object) => new Ajv({ allErrors: true, strict: false }).compile(schema);
const plain = compile(plainSchema);
const editor = compile(editorSchema);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const parsed = (path: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: readJson(path) };
  } catch {
    return { ok: false };
  }
};

test("the editor schema accepts every component file of EVerest's reference config", needsReference, () => {
  const files = jsonFiles(`${REFERENCE}/everest-component-config`);
  assert.ok(files.length > 20);
  for (const file of files) assert.ok(editor(readJson(file)), `${file}: ${JSON.stringify(editor.errors)}`);
});

test("the editor schema suggests the catalog's component and variable names", () => {
  const names: string[] = editorSchema.properties.name.anyOf[0].enum;
  const variables: string[] = editorSchema.definitions.Variable.properties.variable_name.anyOf[0].enum;
  assert.ok(names.includes('OCPPCommCtrlr') && names.includes('EVSE') && names.includes('NetworkConfiguration'));
  assert.ok(variables.includes('HeartbeatInterval') && variables.includes('BasicAuthPassword'));
  const descriptions: string[] = editorSchema.definitions.Variable.properties.variable_name.anyOf[0].enumDescriptions;
  assert.equal(descriptions[variables.indexOf('HeartbeatInterval')], 'OCPP 2.0.1 and 2.1; integer; s');
});

test('suggestions restrict nothing: both schemas give the same verdict on every file the project and EVerest ship', needsReference, () => {
  const files = [
    ...jsonFiles(join(ROOT, 'fixtures')),
    ...jsonFiles(join(ROOT, 'component_config')),
    ...jsonFiles(`${REFERENCE}/everest-component-config`),
  ];
  let rejected = 0;
  for (const file of files) {
    const doc = parsed(file);
    if (!doc.ok) continue;
    const verdict = plain(doc.value);
    if (!verdict) rejected++;
    assert.equal(editor(doc.value), verdict, relative(ROOT, file));
  }
  assert.ok(rejected > 0, 'the fixtures include files the schema rejects');
});

test('a vendor component and variable name stay valid; an empty or non-string name stays invalid', () => {
  const file = (name: unknown, variable: unknown) => ({
    name,
    properties: { X: { variable_name: variable, characteristics: { dataType: 'string', supportsMonitoring: false }, attributes: [] } },
  });
  for (const [doc, valid] of [
    [file('AcmeCabinetHeater', 'FanSpeedPercent'), true],
    [file('OCPPCommCtrlr', 'HeartbeatInterval'), true],
    [file('', 'HeartbeatInterval'), false],
    [file(7, 'HeartbeatInterval'), false],
    [file('OCPPCommCtrlr', ''), false],
  ] as const) {
    assert.equal(plain(doc), valid, JSON.stringify(doc));
    assert.equal(editor(doc), valid, JSON.stringify(doc));
  }
});

test('the shipped config points editors at the editor schema, which the npm package ships', () => {
  const pkg = readJson(join(ROOT, 'package.json')) as { files: string[] };
  assert.ok(pkg.files.includes('schemas'));
  for (const file of jsonFiles(join(ROOT, 'component_config'))) {
    assert.equal((readJson(file) as { $schema?: string }).$schema, '../../schemas/component.editor.schema.json', file);
  }
});
