import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/paths.js';

/**
 * A temp folder `stations/<name>/component_config` per entry: clean stations are copies of the shipped config,
 * `broken` ones get an extra file that is not JSON. Returns the folder that holds `stations/`.
 */
export function makeFleet(stations: { name: string; broken?: boolean }[]): string {
  const top = mkdtempSync(join(tmpdir(), 'ocppctl-fleet-'));
  for (const s of stations) {
    const root = join(top, 'stations', s.name, 'component_config');
    mkdirSync(join(root, 'custom'), { recursive: true });
    cpSync(join(ROOT, 'component_config'), root, { recursive: true });
    if (s.broken) writeFileSync(join(root, 'standardized', 'Broken.json'), '{"name": "Broken", ');
  }
  return top;
}

export const names = (n: number) => Array.from({ length: n }, (_, i) => `st-${String(i).padStart(3, '0')}`);

/** Component files in the shipped config, which every station copies. */
export const SHIPPED_FILES = ['standardized', 'custom']
  .map((f) => readdirSync(join(ROOT, 'component_config', f)).filter((n) => n.endsWith('.json')).length)
  .reduce((a, b) => a + b, 0);
