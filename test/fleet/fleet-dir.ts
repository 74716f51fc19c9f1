import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture } from '../support/paths.js';

/**
 * A temp folder `stations/<name>/component_config` per entry: clean stations are copies of a valid fixture,
 * `broken` ones get an extra file that is not JSON. Returns the folder that holds `stations/`.
 */
export function makeFleet(stations: { name: string; broken?: boolean }[]): string {
  const top = mkdtempSync(join(tmpdir(), 'ocppctl-fleet-'));
  for (const s of stations) {
    const root = join(top, 'stations', s.name, 'component_config');
    mkdirSync(join(root, 'custom'), { recursive: true });
    cpSync(fixture('valid', 'spec-gating'), root, { recursive: true });
    if (s.broken) writeFileSync(join(root, 'standardized', 'Broken.json'), '{"name": "Broken", ');
  }
  return top;
}

export const names = (n: number) => Array.from({ length: n }, (_, i) => `st-${String(i).padStart(3, '0')}`);
