// npm run gen:catalog — derives src/catalog/data/ocpp-<release>.json from the OCA appendix CSVs.
// The CSVs stay outside the project (CC BY-ND: they may only be shared unmodified); the derived facts are
// committed, and test/catalog checks they still match whenever the CSVs are present.
// Usage: node scripts/gen-catalog.mjs [path/to/ocpp-standard]   (after npm run build)
import { existsSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist/src/catalog/appendix.js');
if (!existsSync(compiled)) {
  console.error('gen-catalog: run npm run build first (needs dist/src/catalog/appendix.js)');
  process.exit(2);
}
const { APPENDIX_DIRS, buildCatalog, readAppendix, serializeCatalog } = await import(pathToFileURL(compiled).href);

const reference = resolve(process.argv[2] ?? join(root, '../shared/reference/ocpp-standard'));
for (const [release, { dir, source }] of Object.entries(APPENDIX_DIRS)) {
  const from = join(reference, dir);
  if (!existsSync(from)) {
    console.error(`gen-catalog: no appendix CSVs at ${from}`);
    process.exit(2);
  }
  const data = buildCatalog(release, source, readAppendix(from));
  const out = join(root, 'src/catalog/data', `ocpp-${release}.json`);
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, serializeCatalog(data));
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  const required = data.rows.filter((r) => r.required === 'yes').length;
  console.log(`${out.slice(root.length + 1)}: ${data.rows.length} rows, ${required} required, ${data.components.length} components`);
}
