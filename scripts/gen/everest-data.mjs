// The EVerest module facts are read at run time next to the compiled everest modules (only with --everest-config);
// tsc does not copy JSON it is not importing, so the build does.
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
if (existsSync(join(root, 'src/everest/data')))
  cpSync(join(root, 'src/everest/data'), join(root, 'dist/src/everest/data'), { recursive: true });
