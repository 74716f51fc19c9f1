import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { locate, parseSourceFile } from '../../src/model/index.js';
import type { Folder, SourceFile } from '../../src/model/index.js';
import { validateTree } from '../../src/rules/index.js';
import { TARGETS } from '../../src/rules/rule.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseFrame, FrameError, loadSchemas } from '../../src/protocol/index.js';
import { decideMigration } from '../../src/slots/index.js';
import { isOcppctlError } from '../../src/errors.js';
import { ROOT } from '../support/paths.js';
import { mutatedText, toBytes, wildJson } from './mutations.js';
import { treeOf } from './tree-of.js';
import { parserFor } from '../../src/log/parse.js';
import { checkLogs } from '../../src/log/index.js';
import type { LogFormat } from '../../src/log/index.js';
import { render, session16, session201, tmp } from '../log/sessions.js';

// FUZZ_SEED=<n> replays a failing run; the seed of every run is printed with its case counts
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));
const counts: Record<string, number> = {};
const property = <T>(name: string, n: number, arb: fc.Arbitrary<T>, check: (v: T) => void) => {
  counts[name] = runs(n);
  fc.assert(fc.property(arb, check), { numRuns: runs(n), seed: SEED, endOnFailure: true });
};

const shipped: { folder: Folder; name: string; text: string }[] = (['standardized', 'custom'] as const).flatMap((folder) =>
  readdirSync(join(ROOT, 'component_config', folder))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ folder, name, text: readFileSync(join(ROOT, 'component_config', folder, name), 'utf8') })),
);
const parse = (f: { folder: Folder; name: string }, bytes: Uint8Array) =>
  parseSourceFile(`/fuzz/${f.folder}/${f.name}`, `fuzz/${f.folder}/${f.name}`, f.folder, bytes);
const mutatedFile = fc.integer({ min: 0, max: shipped.length - 1 }).chain((i) => mutatedText(shipped[i].text).map((text) => ({ i, text })));

function assertDiagnostic(d: Diagnostic) {
  assert.ok(['error', 'warning', 'info'].includes(d.severity), `severity ${d.severity}`);
  assert.ok(typeof d.ruleId === 'string' && d.ruleId !== '');
  assert.ok(typeof d.message === 'string' && d.message !== '');
  assert.ok(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1, `${d.ruleId} at ${d.line}:${d.column}`);
  // the runner turns a rule that throws into this diagnostic: for a fuzzed input that is a crash, not a finding
  assert.doesNotMatch(d.message, /failed on this (tree|file)/, d.message);
}

test('the loader turns any mutated component file into a parsed file or located problems, never an exception', () => {
  property('component files (loader)', 5000, mutatedFile, ({ i, text }) => {
    const file = parse(shipped[i], toBytes(text));
    for (const p of file.problems) {
      assert.ok(p.ruleId === 'json-syntax' || p.ruleId === 'duplicate-key');
      assert.ok(p.position.line >= 1 && p.position.column >= 1);
    }
    if (file.json === undefined)
      assert.ok(
        file.problems.some((p) => p.ruleId === 'json-syntax'),
        'unparsed file without a json-syntax problem',
      );
    locate(file, '/properties/x/attributes/0/value');
  });
});

test('every rule under every target reports a mutated tree as diagnostics, never as a crash', () => {
  const base = shipped.map((f) => parse(f, Buffer.from(f.text)));
  const target = fc.constantFrom(...TARGETS);
  property('config trees (all rules)', 1500, fc.tuple(fc.array(mutatedFile, { minLength: 1, maxLength: 3 }), target), ([mutations, t]) => {
    const files: SourceFile[] = [...base];
    for (const m of mutations) files[m.i] = parse(shipped[m.i], toBytes(m.text));
    for (const d of validateTree(treeOf(files), { target: t })) assertDiagnostic(d);
  });
});

const frameText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  wildJson.map((v) => JSON.stringify(v) ?? ''),
  fc
    .tuple(
      fc.constantFrom(2, 3, 4, 5, 6, '2', 2.0000001),
      fc.oneof(fc.string({ maxLength: 40 }), wildJson),
      fc.oneof(fc.string(), wildJson),
      wildJson,
    )
    .map((a) => JSON.stringify(a)),
  fc
    .tuple(fc.string({ maxLength: 36 }), fc.constantFrom('BootNotification', 'Heartbeat', 'StatusNotification', 'Authorize'), wildJson)
    .map(([id, action, p]) => JSON.stringify([2, id, action, p])),
);

test('any text as an OCPP-J frame parses or fails with a FrameError, for both versions', () => {
  property('OCPP frames', 2500, fc.tuple(frameText, fc.constantFrom('2.0.1' as const, '2.1' as const)), ([text, version]) => {
    try {
      parseFrame(text, version);
    } catch (err) {
      assert.ok(err instanceof FrameError, `${(err as Error).name}: ${(err as Error).message}`);
    }
  });
});

test('any payload checked against the message schemas gives a verdict, never an exception', async () => {
  const schemas = await Promise.all([loadSchemas('2.0.1'), loadSchemas('2.1')]);
  const action = fc.constantFrom(
    'BootNotification',
    'Heartbeat',
    'SetVariables',
    'GetVariables',
    'NotifyReport',
    'SetNetworkProfile',
    'NoSuchAction',
    '__proto__',
    'constructor',
  );
  property(
    'OCPP payloads (schemas)',
    800,
    fc.tuple(
      fc.nat(1),
      action,
      fc.constantFrom('Request' as const, 'Response' as const),
      fc.dictionary(fc.string({ maxLength: 20 }), wildJson),
    ),
    ([v, a, kind, payload]) => {
      const verdict = schemas[v].check(a, kind, payload);
      if (verdict) assert.ok(typeof verdict.message === 'string');
    },
  );
});

const profileEntry = fc.oneof(
  wildJson,
  fc.record(
    {
      configurationSlot: fc.oneof(fc.integer({ min: -3, max: 12 }), wildJson),
      connectionData: fc.oneof(
        wildJson,
        fc.record(
          {
            ocppCsmsUrl: fc.oneof(fc.constantFrom('ws://csms.example/ocpp', 'wss://csms.example:443/x', 'http://x', ''), wildJson),
            securityProfile: fc.oneof(fc.integer({ min: -1, max: 4 }), wildJson),
            ocppInterface: fc.oneof(fc.constantFrom('Wired0', 'Wireless0', 'Any'), wildJson),
            ocppTransport: fc.oneof(fc.constantFrom('JSON', 'SOAP'), wildJson),
            messageTimeout: fc.oneof(fc.integer({ min: -5, max: 100000 }), wildJson),
            ocppVersion: fc.oneof(fc.constantFrom('OCPP20', 'OCPP201', 'OCPP21'), wildJson),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

test('any legacy NetworkConnectionProfiles blob migrates, or is refused with a clear error', () => {
  const blob = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.array(profileEntry, { maxLength: 5 }).map((a) => JSON.stringify(a)),
    wildJson.map((v) => JSON.stringify(v) ?? ''),
  );
  const slotsWithUrl = fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 3 });
  property(
    'legacy blobs (migrate)',
    1500,
    fc.tuple(blob, fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 4 }), slotsWithUrl),
    ([value, priority, withUrl]) => {
      try {
        const d = decideMigration({
          blob: { value, where: 'InternalCtrlr.json /properties/NetworkConnectionProfiles' },
          prioritySlots: priority,
          slotUrl: (n) => (withUrl.includes(n) ? 'ws://csms.example/' : undefined),
          slot: (n) => (n >= 1 && n <= 2 ? { file: `NetworkConfiguration_${n}.json`, has: () => true } : undefined),
          newSlotFile: (n) => `NetworkConfiguration_${n}.json`,
          securityPassword: undefined,
          securityIdentity: 'cp001',
        });
        assert.ok(['no-blob', 'empty', 'slots-win', 'empty-array', 'migrated'].includes(d.outcome), d.outcome);
      } catch (err) {
        assert.ok(isOcppctlError(err), `${(err as Error).name}: ${(err as Error).message}`);
      }
    },
  );
});

// libocpp message logs in every format, damaged at byte and line level: the reader turns each into records and
// located defects, never an exception; `log check` reports them as diagnostics
const LOG_BASES: [LogFormat, string][] = [
  ['log', render(session201, 'log')],
  ['raw-log', render(session16, 'raw-log')],
  ['html', render(session16, 'html')],
  ['html', render(session201, 'html-old')],
  ['raw-html', render(session201, 'raw-html')],
];
const mutatedLog = fc.integer({ min: 0, max: LOG_BASES.length - 1 }).chain((i) => {
  const [format, base] = LOG_BASES[i];
  const lines = base.split('\n');
  return fc
    .oneof(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([n, b]) => {
        const bytes = Buffer.from(base);
        bytes[n % bytes.length] = b;
        return bytes.toString('latin1');
      }),
      fc.nat().map((n) => base.slice(0, n % base.length)),
      fc
        .tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 12 }))
        .map(([n, s]) => base.slice(0, n % base.length) + s + base.slice(n % base.length)),
      fc.nat().map((n) => lines.filter((_, k) => k !== n % lines.length).join('\n')),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
        const copy = [...lines];
        [copy[a % copy.length], copy[b % copy.length]] = [copy[b % copy.length], copy[a % copy.length]];
        return copy.join('\n');
      }),
      fc
        .tuple(
          fc.nat(),
          fc.constantFrom(
            '[',
            '[2,"x","A",{}]',
            '<tr class="SYS">',
            '2026-03-01T10:00:00.000Z: ChargePoint>CentralSystem X ',
            '</pre></td> </tr>',
            '{"a":' + '['.repeat(2000),
          ),
        )
        .map(([n, s]) => {
          const copy = [...lines];
          copy.splice(n % copy.length, 0, s);
          return copy.join('\n');
        }),
    )
    .map((text) => ({ format, text }));
});

test('the message-log reader turns any damaged log into records and located defects, never an exception', () => {
  property('message logs (reader)', 2000, mutatedLog, ({ format, text }) => {
    const lines = text.split('\n');
    const sink = {
      frame: (r: { line: number }) => assert.ok(r.line >= 1 && r.line <= lines.length),
      security: () => undefined,
      defect: (d: { line: number; message: string }) =>
        assert.ok(d.line >= 1 && d.line <= lines.length && d.message !== '', `${d.line}: ${d.message}`),
    };
    const p = parserFor(format, 'f', sink);
    lines.forEach((l, k) => p.line(l, k + 1, false));
    p.end();
  });
});

test('log check reports any damaged log as diagnostics, never as a crash', async () => {
  const dir = tmp();
  let k = 0;
  counts['message logs (log check)'] = runs(60);
  await fc.assert(
    fc.asyncProperty(mutatedLog, async ({ format, text }) => {
      const name = `f${k++}${format === 'log' ? '.log' : format === 'raw-log' ? '_raw.log' : format === 'html' ? '.html' : '_raw.html'}`;
      writeFileSync(join(dir, name), text);
      const report = await checkLogs([name], { cwd: dir });
      for (const d of report.diagnostics) assertDiagnostic(d);
    }),
    { numRuns: runs(60), seed: SEED, endOnFailure: true },
  );
});

test('fuzz case counts', () => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = Object.entries(counts).map(([k, v]) => `  ${k}: ${v}`);
  console.log(`fuzz (seed ${SEED}): ${total} cases\n${lines.join('\n')}`);
  if (scale >= 1) assert.ok(total >= 10000, `only ${total} fuzz cases`);
});
