import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { needsReference } from '../support/paths.js';
import { COMPONENT_CONFIG, lineOf, station, writeIn } from './support.js';

test('everest show lists keys with their sources, resolved paths and the EVSE table', needsReference, async () => {
  const s = station({
    name: 'config-sil-ocpp201',
    edit: (t) =>
      t.replace('    module: OCPP201\n', '    module: OCPP201\n    config_module:\n      MessageLogPath: /var/log/everest/ocpp\n'),
  });
  try {
    writeIn(s.dir, 'user-config/config.yaml', 'active_modules:\n  ocpp:\n    config_module:\n      CoreDatabasePath: /var/lib/ocpp\n');
    const share = join(s.dir, 'prefix/share/everest/modules/OCPP201');
    mkdirSync(share, { recursive: true });
    cpSync(COMPONENT_CONFIG, join(share, 'component_config'), { recursive: true });
    const r = await runCli(['everest', 'show', 'config.yaml', '--everest-prefix', 'prefix', '--json'], { cwd: s.dir });
    assert.equal(r.code, 0);
    const shown = JSON.parse(r.stdout);
    assert.deepEqual(shown.module, { id: 'ocpp', type: 'OCPP201', line: lineOf(s.text, '\n  ocpp:\n') + 1 });
    const key = (k: string) => shown.keys.find((x: { key: string }) => x.key === k);
    assert.deepEqual(key('MessageLogPath'), {
      key: 'MessageLogPath',
      value: '/var/log/everest/ocpp',
      source: 'yaml',
      at: `config.yaml:${lineOf(s.text, 'MessageLogPath')}`,
    });
    assert.equal(key('CoreDatabasePath').source, 'user-config');
    assert.equal(key('RequestCompositeScheduleUnit').source, 'manifest default');
    const dm = shown.paths.find((p: { name: string }) => p.name === 'DeviceModelConfigPath');
    assert.equal(dm.exists, true);
    assert.deepEqual(
      shown.evses.map((e: { evse: number; evseManager: string; connectorId: number; energySink: string }) => [
        e.evse,
        e.evseManager,
        e.connectorId,
        e.energySink,
      ]),
      [
        [1, 'evse_manager_1', 1, 'evse_manager_1_ocpp_sink'],
        [2, 'evse_manager_2', 2, 'evse_manager_2_ocpp_sink'],
      ],
    );
    const text = await runCli(['everest', 'show', 'config.yaml'], { cwd: s.dir });
    assert.match(text.stdout, /^ocpp: OCPP201 \(config\.yaml:\d+\), with user-config\/config\.yaml merged over it/);
    assert.match(text.stdout, /DeviceModelConfigPath +component_config \(relative: needs the prefix\)/);
  } finally {
    s.cleanup();
  }
});

test('everest show never prints a secret and says when there is no OCPP module (exit 1)', async () => {
  const s = station({
    text: 'active_modules:\n  sec:\n    module: EvseSecurity\n    config_module:\n      private_key_password: hunter2hunter2\n',
  });
  try {
    const r = await runCli(['everest', 'show', 'config.yaml', '--json'], { cwd: s.dir });
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('hunter2'));
    const bad = station({ text: 'active_modules:\n\tx: 1\n' });
    try {
      const b = await runCli(['everest', 'show', 'config.yaml'], { cwd: bad.dir });
      assert.equal(b.code, 1);
      assert.match(b.stdout, /^config\.yaml:2:1 {2}a tab/);
    } finally {
      bad.cleanup();
    }
    assert.equal((await runCli(['everest', 'show', 'missing.yaml'], { cwd: s.dir })).code, 2);
  } finally {
    s.cleanup();
  }
});

test('OCPPmulti secrets in its config are masked in everest show', async () => {
  const s = station({ text: 'active_modules:\n  ocpp:\n    module: OCPPmulti\n    config_module:\n      Mode: Prefer2\n' });
  try {
    const shown = JSON.parse((await runCli(['everest', 'show', 'config.yaml', '--json'], { cwd: s.dir })).stdout);
    assert.equal(shown.keys.find((k: { key: string }) => k.key === 'Mode').value, 'Prefer2');
  } finally {
    s.cleanup();
  }
});
