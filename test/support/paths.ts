import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Tests run from dist/test/…; the project root is three levels up from this compiled file.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFERENCE = resolve(ROOT, '../shared/reference');
export const fixture = (...parts: string[]) => join(ROOT, 'fixtures', ...parts);
export const BIN = join(ROOT, 'bin/ocppctl');

/** EVerest's reference material sits beside the repository in CI and on developers' machines, not in users' clones. */
export const HAS_REFERENCE = existsSync(REFERENCE);
/** Options for a test that reads ../shared/reference: where it is absent the test skips with this one line. */
export const needsReference: { skip?: string } = HAS_REFERENCE
  ? {}
  : { skip: '../shared/reference is absent (EVerest reference material; CI has it)' };
