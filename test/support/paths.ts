import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Tests run from dist/test/…; the project root is three levels up from this compiled file.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFERENCE = resolve(ROOT, '../shared/reference');
export const fixture = (...parts: string[]) => join(ROOT, 'fixtures', ...parts);
export const BIN = join(ROOT, 'bin/ocppctl');
