import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE } from '../support/paths.js';

/** A fresh temp copy of a reference config (the reference itself is read-only). */
export function copyConfig(name: 'everest-component-config' | 'libocpp-legacy-component-config'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ocppctl-slots-')), 'component_config');
  cpSync(join(REFERENCE, name), dir, { recursive: true });
  return dir;
}
