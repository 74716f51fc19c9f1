import { basename, join, sep } from 'node:path';
import { keyId, parseSourceFile, toComponent } from '../model/index.js';
import type { Component, ConfigTree, SourceFile } from '../model/index.js';
import type { FilePlan } from '../files/index.js';

/**
 * The tree as it would be after the plan, built in memory so the real rules can judge a change before any
 * file is written. Mirrors loadConfigTree: standardized/ before custom/, names sorted, custom replaces
 * standardized for one key.
 */
export function treeAfter(tree: ConfigTree, plan: FilePlan): ConfigTree {
  const byPath = new Map<string, SourceFile>(tree.files.map((f) => [f.path, f]));
  for (const c of plan.changes) {
    if (c.kind === 'delete') byPath.delete(c.path);
    else {
      const folder = c.path.startsWith(join(tree.root, 'custom') + sep) ? 'custom' : 'standardized';
      byPath.set(c.path, parseSourceFile(c.path, c.file, folder, Buffer.from(c.after, 'utf8')));
    }
  }
  const order = (f: SourceFile) => (f.folder === 'standardized' ? 0 : 1);
  const files = [...byPath.values()].sort(
    (a, b) => order(a) - order(b) || (basename(a.path) < basename(b.path) ? -1 : basename(a.path) > basename(b.path) ? 1 : 0),
  );
  const components: Component[] = [];
  const byKey = new Map<string, Component>();
  for (const source of files) {
    const component = toComponent(source);
    if (!component) continue;
    components.push(component);
    const id = keyId(component.key);
    const earlier = byKey.get(id);
    if (earlier && earlier.source.folder === 'standardized' && source.folder === 'custom') earlier.overriddenBy = component;
    if (!earlier || earlier.source.folder !== source.folder) byKey.set(id, component);
  }
  return { ...tree, files, components, effective: [...byKey.values()] };
}
