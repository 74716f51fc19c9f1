import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import { loadConfigTree } from '../../src/model/index.js';
import { planMigrate } from '../../src/slots/index.js';
import { applyPlan } from '../../src/files/index.js';

// Project-owned config trees for tests that need a realistic component_config but nothing of EVerest's own:
// these run in a user's clone, where ../shared/reference is absent.

/** The project's shipped component_config/. Tests never write to it: they take a copy. */
export const SHIPPED = join(ROOT, 'component_config');

function writable(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) writable(path);
    else chmodSync(path, 0o644);
  }
}

/** A writable copy of the shipped component_config/ at `dest` (default: a fresh temp folder); returns its path. */
export function shippedCopy(dest = join(mkdtempSync(join(tmpdir(), 'ocppctl-shipped-')), 'component_config')): string {
  cpSync(SHIPPED, dest, { recursive: true });
  writable(dest);
  return dest;
}

/**
 * A copy of the shipped tree with a second EVSE (EVSE 2 and its Connector 1), made from the shipped EVSE 1 files:
 * a two-EVSE station like EVerest's example, for tests that touch EVSE or connector rows.
 */
export function twoEvseCopy(dest?: string): string {
  const dir = shippedCopy(dest);
  for (const [from, to] of [
    ['EVSE_1.json', 'EVSE_2.json'],
    ['Connector_1_1.json', 'Connector_2_1.json'],
  ]) {
    const json = JSON.parse(readFileSync(join(dir, 'custom', from), 'utf8'));
    json.evse_id = 2;
    writeFileSync(join(dir, 'custom', to), JSON.stringify(json, null, 2) + '\n');
  }
  return dir;
}

function editJson(path: string, edit: (json: Record<string, any>) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2) + '\n');
}

/**
 * The two-EVSE copy shaped the way EVerest ships its config, for tests about the database file: HeartbeatInterval
 * 1800 s (not the 300 the tests write), MessageTimeout(Default) at 60 s under the key MessageTimeout, slots 1 and 2
 * without a URL, and a legacy NetworkConnectionProfiles blob in InternalCtrlr for slot 1 and for a slot 3 that does
 * not exist yet (so `migrate --db` fills one slot and creates another: rows to write across several tables).
 */
export function stationCopy(dest?: string): string {
  const dir = twoEvseCopy(dest);
  editJson(join(dir, 'standardized/OCPPCommCtrlr.json'), (json) => {
    json.properties.HeartbeatInterval.attributes[0].value = '1800';
    // the shipped file keys it MessageTimeoutDefault; EVerest's keys it MessageTimeout, as the tests name it
    const { MessageTimeoutDefault: timeout, ...rest } = json.properties;
    timeout.attributes = [{ type: 'Actual', mutability: 'ReadOnly', value: 60 }];
    json.properties = { ...rest, MessageTimeout: timeout };
  });
  // slots without a URL, as in EVerest's config: the blob fills them at start-up
  for (const slot of [1, 2])
    editJson(join(dir, `standardized/NetworkConfiguration_${slot}.json`), (json) => {
      json.properties.OcppCsmsUrl.attributes[0].value = '';
    });
  editJson(join(dir, 'standardized/InternalCtrlr.json'), (json) => {
    json.properties.NetworkConnectionProfiles.attributes[0].value = JSON.stringify(
      [1, 3].map((configurationSlot) => ({
        configurationSlot,
        connectionData: {
          messageTimeout: 30,
          ocppCsmsUrl: `wss://csms-${configurationSlot}.example.com/ocpp`,
          ocppInterface: 'Wired0',
          ocppTransport: 'JSON',
          securityProfile: 2,
        },
      })),
    );
  });
  return dir;
}

/** The station password `legacyCopy` puts in SecurityCtrlr.BasicAuthPassword (a slot without one falls back to it). */
export const LEGACY_PASSWORD = 'station-secret-pw-20';

/**
 * The shipped config as a station has it before libocpp's first start with slots, the way EVerest ships its own:
 * slots 1 and 2 without a URL, NetworkConfigurationPriority the JSON number 1 (valuesList 1,2), SecurityCtrlr at
 * security profile 1 with a password, and InternalCtrlr.NetworkConnectionProfiles holding one legacy profile for slot 1 (ws://localhost:9000,
 * security profile 1, OCPP20, no identity or password of its own). With `slots: false` the NetworkConfiguration files
 * are gone too, as in libocpp's older standalone config.
 */
export function legacyCopy(options: { slots?: boolean } = {}, dest?: string): string {
  const dir = shippedCopy(dest);
  for (const slot of [1, 2]) {
    const file = join(dir, `standardized/NetworkConfiguration_${slot}.json`);
    if (options.slots === false) rmSync(file);
    else
      editJson(file, (json) => {
        json.properties.OcppCsmsUrl.attributes[0].value = '';
      });
  }
  editJson(join(dir, 'standardized/OCPPCommCtrlr.json'), (json) => {
    json.properties.NetworkConfigurationPriority.attributes[0].value = 1;
  });
  editJson(join(dir, 'standardized/SecurityCtrlr.json'), (json) => {
    json.properties.BasicAuthPassword.attributes[0].value = LEGACY_PASSWORD;
    json.properties.SecurityProfile.attributes[0].value = '1';
  });
  editJson(join(dir, 'standardized/InternalCtrlr.json'), (json) => {
    json.properties.NetworkConnectionProfiles.attributes[0].value = JSON.stringify([
      {
        configurationSlot: 1,
        connectionData: {
          messageTimeout: 30,
          ocppCsmsUrl: 'ws://localhost:9000',
          ocppInterface: 'Wired0',
          ocppTransport: 'JSON',
          ocppVersion: 'OCPP20',
          securityProfile: 1,
        },
      },
    ]);
  });
  return dir;
}

/** `legacyCopy()` after `ocppctl migrate`: slot 1 holds the legacy profile and the blob is "", as after the first boot. */
export async function legacyMigratedCopy(): Promise<string> {
  const dir = legacyCopy();
  await applyPlan(planMigrate(loadConfigTree(dir)).plan);
  return dir;
}
