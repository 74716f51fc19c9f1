// The OCPP catalog is read at run time with readFileSync next to the compiled catalog module (only when a
// spec target or explain needs it); tsc does not copy JSON it is not importing, so the build does.
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
cpSync(join(root, 'src/catalog/data'), join(root, 'dist/src/catalog/data'), { recursive: true });
