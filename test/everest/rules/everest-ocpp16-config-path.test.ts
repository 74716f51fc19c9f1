import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { byRule, station, validateStation } from '../support.js';

const config = (extra: string) => `active_modules:
  ocpp:
    module: OCPPmulti
    config_module:
      EnableLegacyConfigMigration: true
      ChargePointConfigPath: config-docker.json${extra}
`;

test('with EnableLegacyConfigMigration, a ChargePointConfigPath missing under share/everest/modules/OCPP/ is an error at the key', async () => {
  const s = station({ text: config('') });
  try {
    const r = await validateStation(s, ['--everest-prefix', 'prefix', '--rule', 'everest-ocpp16-config-path']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      byRule(r, 'everest-ocpp16-config-path').map((d) => [d.line, d.pointer]),
      [[6, '/active_modules/ocpp/config_module/ChargePointConfigPath']],
    );
    mkdirSync(join(s.dir, 'prefix/share/everest/modules/OCPP'), { recursive: true });
    writeFileSync(join(s.dir, 'prefix/share/everest/modules/OCPP/config-docker.json'), '{}');
    assert.equal((await validateStation(s, ['--everest-prefix', 'prefix', '--rule', 'everest-ocpp16-config-path'])).code, 0);
    // without a prefix the relative path cannot be resolved: nothing to say
    assert.equal((await validateStation(s, ['--rule', 'everest-ocpp16-config-path'])).code, 0);
  } finally {
    s.cleanup();
  }
});
