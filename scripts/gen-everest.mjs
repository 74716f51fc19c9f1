// npm run gen:everest: derives src/everest/data/everest-facts.json (module manifests and the config schema, in the
// project's own compact form) from EVerest's sources in ../shared/reference/everest. The reference stays outside
// the project; test/everest/facts.test.ts regenerates and compares when it is present.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { factsFileText, factsFromSources } = await import('../dist/src/everest/facts.js');
const source = process.argv[2] ?? join(root, '../shared/reference/everest');
const facts = factsFromSources(source);
writeFileSync(join(root, 'src/everest/data/everest-facts.json'), factsFileText(facts));
console.log(`src/everest/data/everest-facts.json: ${Object.keys(facts.modules).length} modules`);
