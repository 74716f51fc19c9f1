import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { StationModel } from '../../src/protocol/index.js';
import { runCli } from '../support/cli.js';
import { REFERENCE, needsReference } from '../support/paths.js';
import { startCsmsChild, until } from '../protocol/csms-child.js';
import { writeStationConfig } from './station-config.js';

test(
  '--probe get-base-report logs each NotifyReport part as counts and one summary; --log keeps the payload',
  { timeout: 90_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'ocppctl-probe-'));
    const log = join(root, 'csms.jsonl');
    const csms = await startCsmsChild(['--probe', 'get-base-report', '--log', log]);
    try {
      const config = writeStationConfig({ url: csms.url, securityProfile: 0 });
      const expected = new StationModel(loadConfigTree(config)).reportData('FullInventory');
      const components = new Set(expected.map((d) => JSON.stringify((d as { component: unknown }).component))).size;
      const r = await runCli(['connect', '--config', config, '--stay', '2', '--timeout', '10']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      await until(() => /probe get-base-report: NotifyReport/.test(csms.stdout()));
      const out = csms.stdout();
      assert.match(
        out,
        new RegExp(`cp001: probe get-base-report: NotifyReport seq 0: ${expected.length} variables in ${components} components\\n`),
      );
      assert.match(
        out,
        new RegExp(
          `cp001: → CALL NotifyReport requestId 1, seq 0: ${expected.length} variables in ${components} components \\(\\d+ bytes\\)\\n`,
        ),
      );
      assert.doesNotMatch(out, /"reportData"/, 'no payload on the terminal');
      const report = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map(
          (l) => JSON.parse(l) as { kind: string; message?: { frame: { action?: string; payload?: string | { reportData?: unknown[] } } } },
        )
        .find((e) => e.kind === 'message' && e.message?.frame.action === 'NotifyReport');
      // the payload itself, or over 4 KB its shortened text
      const payload = report?.message?.frame.payload;
      assert.ok(
        typeof payload === 'string' ? payload.startsWith('{"requestId":1') : payload?.reportData?.length === expected.length,
        JSON.stringify(payload).slice(0, 200),
      );
    } finally {
      await csms.stop();
    }
  },
);

test(
  "--probe get-base-report sums a report in several parts: EVerest's config, 100 variables per part",
  { ...needsReference, timeout: 90_000 },
  async () => {
    const csms = await startCsmsChild(['--probe', 'get-base-report']);
    try {
      const config = join(REFERENCE, 'everest-component-config');
      const expected = new StationModel(loadConfigTree(config)).reportData('FullInventory');
      const components = new Set(expected.map((d) => JSON.stringify((d as { component: unknown }).component))).size;
      const parts = Math.ceil(expected.length / 100);
      assert.ok(parts > 1);
      // the shipped config dials profile 1 with its own password; this csms takes any password
      const r = await runCli(['connect', '--config', config, '--url', csms.url, '--stay', '3', '--timeout', '10']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      await until(() => /probe get-base-report: NotifyReport/.test(csms.stdout()));
      const out = csms.stdout();
      assert.match(
        out,
        new RegExp(
          `: probe get-base-report: NotifyReport seq 0\\.\\.${parts - 1}: ${expected.length} variables in ${components} components\\n`,
        ),
      );
      assert.equal((out.match(/→ CALL NotifyReport requestId 1, seq \d+/g) ?? []).length, parts);
      // one short line per part, never the 25,000-character payload
      for (const line of out.split('\n')) assert.ok(line.length < 400, `a long line: ${line.slice(0, 200)}...`);
    } finally {
      await csms.stop();
    }
  },
);
