import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';

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
