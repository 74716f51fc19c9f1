import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE } from '../support/paths.js';
import { loadConfigTree } from '../../src/model/index.js';
import { planMigrate } from '../../src/slots/index.js';
import { applyPlan } from '../../src/files/index.js';

/** A fresh temp copy of a reference config (the reference itself is read-only). */
export function copyConfig(name: 'everest-component-config' | 'libocpp-legacy-component-config'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-slots-')), 'component_config');
  cpSync(join(REFERENCE, name), dir, { recursive: true });
  return dir;
}

/**
 * A copy of EVerest's config after `ocppctl migrate`: slot 1 holds the legacy profile, the blob is "". That is
 * what the station has after its first boot, and the starting point for slot edits (with the blob still there,
 * giving a listed slot a URL would make libocpp discard the blob unread).
 */
export async function migratedCopy(): Promise<string> {
  const dir = copyConfig('everest-component-config');
  await applyPlan(planMigrate(loadConfigTree(dir)).plan);
  return dir;
}
