import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/diagnostics/index.js';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/paths.js';

// Everything init-db refuses, validate reports as an error: a CI gate on validate must never pass a config that
// stops the station. Each case is one defect in a copy of the shipped config, checked through both commands.
// (test/fuzz/differential.test.ts checks the same promise on generated mutants.)

type Doc = {
  properties: Record<string, Record<string, unknown> & { characteristics: Record<string, unknown>; attributes: Record<string, unknown>[] }>;
};

function shippedWith(file: string, change: (doc: Doc) => string | void) {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-agree-'));
  cpSync(join(ROOT, 'component_config'), join(dir, 'component_config'), { recursive: true });
  const path = join(dir, 'component_config', file);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Doc;
  const text = change(doc);
  writeFileSync(path, text ?? JSON.stringify(doc, null, 2));
  return dir;
}

async function bothRefuse(dir: string, rule: string, message: RegExp) {
  const v = await runCli(['validate', 'component_config', '--format', 'json'], { cwd: dir });
  assert.equal(v.code, 1, `validate passed: ${v.stdout.slice(0, 300)}`);
  const errors = (JSON.parse(v.stdout) as Report).diagnostics.filter((d) => d.severity === 'error');
  assert.ok(
    errors.some((d) => d.ruleId === rule && message.test(d.message)),
    JSON.stringify(errors, null, 1),
  );
  const i = await runCli(['init-db', '--config', 'component_config', '--db', 'x.db', '--format', 'json'], { cwd: dir });
  assert.equal(i.code, 1, i.stderr);
  assert.equal((JSON.parse(i.stdout) as { status: string }).status, 'refused');
  assert.ok(!existsSync(join(dir, 'x.db')));
}

test('a lone \\ud800 escape anywhere in a file is an error in validate, as init-db refuses it', async () => {
  const dir = shippedWith('standardized/OCPPCommCtrlr.json', (doc) =>
    JSON.stringify({ ...doc, description: '@' }, null, 2).replace('"@"', '"half a pair: \\ud800 here"'),
  );
  await bothRefuse(dir, 'json-syntax', /\\ud800 is half of a UTF-16 surrogate pair/);
  // a whole pair is a character, and fine
  const ok = shippedWith('standardized/OCPPCommCtrlr.json', (doc) =>
    JSON.stringify({ ...doc, description: '@' }, null, 2).replace('"@"', '"\\ud83d\\ude00"'),
  );
  assert.equal((await runCli(['validate', 'component_config', '--rule', 'json-syntax'], { cwd: ok })).code, 0);
});

test('a unit of at most 16 characters but more than 16 UTF-8 bytes is an error in validate, as init-db refuses it', async () => {
  const dir = shippedWith('custom/EVSE_1.json', (doc) => {
    doc.properties.Power.characteristics.unit = 'ééééééééé';
  });
  await bothRefuse(dir, 'component-schema', /the unit has 9 characters but 18 bytes/);
});

test('a TargetDelta monitor is an error in validate under every target, as init-db refuses it', async () => {
  const dir = shippedWith('custom/EVSE_1.json', (doc) => {
    doc.properties.Power.characteristics.supportsMonitoring = true;
    doc.properties.Power.monitors = [{ config_type: 'PreconfiguredMonitor', severity: 5, type: 'TargetDelta', value: 10 }];
  });
  await bothRefuse(dir, 'monitors', /TargetDelta .* MONITOR table/);
});

test('customData without vendorId, or with one over 255 bytes, is an error in validate, as init-db refuses it', async () => {
  const missing = shippedWith('custom/EVSE_1.json', (doc) => {
    doc.properties.Power.characteristics.customData = {};
  });
  await bothRefuse(missing, 'component-schema', /missing required property "vendorId"/);
  const long = shippedWith('custom/EVSE_1.json', (doc) => {
    doc.properties.Power.attributes[0].customData = { vendorId: 'é'.repeat(200) };
  });
  await bothRefuse(long, 'component-schema', /customData.vendorId has 200 characters but 400 bytes/);
});

for (const [what, text] of [
  ['a file that is 42', '42\n'],
  ['a file without properties', '{ "name": "ExtraCtrlr" }\n'],
] as const)
  test(`init-db --strict refuses ${what} (a validate error); plain init-db builds as libocpp does, skipping the file`, async () => {
    const dir = shippedWith('standardized/OCPPCommCtrlr.json', () => undefined);
    writeFileSync(join(dir, 'component_config/standardized/Extra.json'), text);
    const v = await runCli(['validate', 'component_config', '--format', 'json'], { cwd: dir });
    assert.equal(v.code, 1);
    const strict = await runCli(['init-db', '--config', 'component_config', '--db', 'strict.db', '--strict', '--format', 'json'], {
      cwd: dir,
    });
    assert.equal(strict.code, 1, strict.stdout);
    const out = JSON.parse(strict.stdout) as { status: string; diagnostics: Report['diagnostics'] };
    assert.equal(out.status, 'refused');
    assert.ok(
      out.diagnostics.some(
        (d) => d.severity === 'error' && d.file === 'component_config/standardized/Extra.json' && d.ruleId === 'component-schema',
      ),
    );
    assert.ok(!existsSync(join(dir, 'strict.db')));
    const plain = await runCli(['init-db', '--config', 'component_config', '--db', 'plain.db', '--format', 'json'], { cwd: dir });
    assert.equal(plain.code, 0, plain.stdout);
    assert.ok(
      (JSON.parse(plain.stdout) as Report).diagnostics.some(
        (d) => d.severity === 'warning' && d.file === 'component_config/standardized/Extra.json',
      ),
    );
  });

test('init-db --strict refuses with every error validate reports', async () => {
  // libocpp builds an integer "+" (its check is a pattern), validate reports it: --strict must refuse
  const dir = shippedWith('standardized/OCPPCommCtrlr.json', (doc) => {
    doc.properties.HeartbeatInterval.attributes[0].value = '+';
  });
  assert.equal((await runCli(['init-db', '--config', 'component_config', '--db', 'plain.db'], { cwd: dir })).code, 0);
  const v = JSON.parse((await runCli(['validate', 'component_config', '--format', 'json'], { cwd: dir })).stdout) as Report;
  const strict = JSON.parse(
    (await runCli(['init-db', '--config', 'component_config', '--db', 's.db', '--strict', '--format', 'json'], { cwd: dir })).stdout,
  ) as {
    status: string;
    diagnostics: Report['diagnostics'];
  };
  assert.ok(v.summary.errors > 0);
  assert.equal(strict.status, 'refused');
  for (const e of v.diagnostics.filter((d) => d.severity === 'error'))
    assert.ok(
      strict.diagnostics.some((d) => d.severity === 'error' && d.file === e.file && d.pointer === e.pointer),
      `${e.ruleId} ${e.pointer} missing`,
    );
});
