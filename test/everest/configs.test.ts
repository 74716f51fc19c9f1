import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../support/cli.js';
import { needsReference, ROOT } from '../support/paths.js';
import { COMPONENT_CONFIG, EVEREST_CONFIGS } from './support.js';

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );

test(
  "every one of EVerest's configurations goes through validate --everest-config without a crash (exit 0 or 1)",
  needsReference,
  async () => {
    const files = yamlFiles(EVEREST_CONFIGS);
    assert.equal(files.length, 67);
    for (const f of files) {
      const r = await runCli(['validate', '--everest-config', relative(ROOT, f), '--format', 'json'], { cwd: ROOT });
      assert.ok(r.code === 0 || r.code === 1, `${f}: exit ${r.code} ${r.stderr}`);
      assert.equal(r.stderr, '', f);
      const report = JSON.parse(r.stdout);
      for (const d of report.diagnostics)
        assert.ok(d.line >= 1 && d.column >= 1 && typeof d.pointer === 'string', `${f}: ${JSON.stringify(d)}`);
    }
  },
);

for (const name of ['config-sil-ocpp201', 'config-sil-ocpp201-pnc', 'config-sil'])
  test(`EVerest's ${name}.yaml with its component config gives 0 errors`, needsReference, async () => {
    const r = await runCli(
      [
        'validate',
        relative(ROOT, COMPONENT_CONFIG),
        '--everest-config',
        relative(ROOT, join(EVEREST_CONFIGS, `${name}.yaml`)),
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    const report = JSON.parse(r.stdout);
    assert.equal(
      report.summary.errors,
      0,
      JSON.stringify(
        report.diagnostics.filter((d: { severity: string }) => d.severity === 'error'),
        null,
        1,
      ),
    );
    assert.equal(r.code, 0);
    assert.equal(report.summary.files, 28);
  });
