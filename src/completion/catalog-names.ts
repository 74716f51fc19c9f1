import { GENERIC, RELEASES, loadCatalog } from '../catalog/index.js';

/**
 * The names `explain` understands, from both releases: components, Component.Variable pairs and bare
 * variable names (appendix rows, `<generic>` rows, variables.csv), sorted and without duplicates.
 */
export function catalogNames(): string[] {
  const names = new Set<string>();
  for (const release of RELEASES) {
    const { data } = loadCatalog(release);
    for (const c of data.components) names.add(c);
    for (const r of data.rows) {
      names.add(r.variable);
      if (r.component !== GENERIC) names.add(`${r.component}.${r.variable}`);
    }
    for (const v of data.variables) names.add(v.name);
  }
  return [...names].sort();
}
