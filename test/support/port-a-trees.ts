import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import { loadConfigTree } from '../../src/model/index.js';
import { planMigrate } from '../../src/slots/index.js';
import { applyPlan } from '../../src/files/index.js';

// Project-owned config trees for tests that need a realistic tree to change (add a slot to, migrate, lock, kill a
// write in), so they run in a clone without ../shared. Each is a fresh temp copy of the shipped component_config/
// (never changed itself), shaped in code into the station the test describes.

/** SecurityCtrlr.BasicAuthPassword of the station trees: what a slot without a password of its own falls back to. */
export const STATION_PASSWORD = 'station-secret-pw-20';
/** SecurityCtrlr.Identity of the shipped config. */
export const STATION_IDENTITY = 'cs-0001';
/** The CSMS the legacy blob of legacyBlobCopy() names for slot 1. */
export const LEGACY_URL = 'ws://localhost:9000';
/** libocpp's legacy InternalCtrlr.NetworkConnectionProfiles blob, one profile for slot 1, written as EVerest's configs write it. */
export const LEGACY_BLOB =
  '[{"configurationSlot": 1, "connectionData": {"messageTimeout": 30, "ocppCsmsUrl": "ws://localhost:9000", ' +
  '"ocppInterface": "Wired0", "ocppTransport": "JSON", "ocppVersion": "OCPP20", "securityProfile": 1}}]';

/** A temp copy of the shipped component_config/, as `<tmp>/component_config`. */
export function shippedCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-tree-')), 'component_config');
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  return dir;
}

/** Sets the Actual value of a variable in standardized/<file>.json, keeping the file's two-space layout. */
export function setActual(dir: string, file: string, variable: string, value: string): void {
  const path = join(dir, 'standardized', `${file}.json`);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  const attribute = doc.properties[variable].attributes.find((a: { type?: string }) => (a.type ?? 'Actual') === 'Actual');
  attribute.value = value;
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}

/** Removes the value of a variable's Actual attribute in standardized/<file>.json: the variable has no value. */
export function removeActual(dir: string, file: string, variable: string): void {
  const path = join(dir, 'standardized', `${file}.json`);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  for (const a of doc.properties[variable].attributes as { type?: string; value?: unknown }[])
    if ((a.type ?? 'Actual') === 'Actual') delete a.value;
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * A station on security profile 1 whose CSMS connection is still in libocpp's legacy blob: slot 1 (URL "") and slot 2 (URL
 * without a value) exist, the priority lists slot 1 (valuesList "1,2"), SecurityCtrlr holds the identity and the password,
 * and InternalCtrlr.NetworkConnectionProfiles is LEGACY_BLOB (ws://localhost:9000, profile 1, Wired0, 30 s).
 */
export function legacyBlobCopy(): string {
  const dir = shippedCopy();
  setActual(dir, 'NetworkConfiguration_1', 'OcppCsmsUrl', '');
  removeActual(dir, 'NetworkConfiguration_2', 'OcppCsmsUrl');
  setActual(dir, 'OCPPCommCtrlr', 'NetworkConfigurationPriority', '1');
  setActual(dir, 'SecurityCtrlr', 'SecurityProfile', '1');
  setActual(dir, 'SecurityCtrlr', 'BasicAuthPassword', STATION_PASSWORD);
  setActual(dir, 'InternalCtrlr', 'NetworkConnectionProfiles', LEGACY_BLOB);
  return dir;
}

/**
 * legacyBlobCopy() after `ocppctl migrate`, as the station has it after its first boot: slot 1 is usable
 * (ws://localhost:9000, profile 1, identity and password from SecurityCtrlr), slot 2 is an unlisted spare without
 * a URL, the priority is "1" and the blob is "".
 */
export async function stationCopy(): Promise<string> {
  const dir = legacyBlobCopy();
  await applyPlan(planMigrate(loadConfigTree(dir)).plan);
  return dir;
}

/** Every fixtures/broken/<case>/component_config: validated together they give a report of several hundred kB, exit 1. */
export function brokenFixtureTrees(): string[] {
  return readdirSync(join(ROOT, 'fixtures/broken'))
    .sort()
    .map((name) => join(ROOT, 'fixtures/broken', name, 'component_config'))
    .filter((dir) => existsSync(dir));
}
