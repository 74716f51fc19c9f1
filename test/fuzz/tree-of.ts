import { keyId, toComponent } from '../../src/model/index.js';
import type { Component, ConfigTree, SourceFile } from '../../src/model/index.js';

/** A ConfigTree from parsed files, assembled as loadConfigTree does, so the fuzz loop needs no disk. */
export function treeOf(files: SourceFile[]): ConfigTree {
  const tree: ConfigTree = { root: '/fuzz', displayRoot: 'fuzz', files, ignored: [], components: [], effective: [] };
  const byKey = new Map<string, Component>();
  for (const source of files) {
    const component = toComponent(source);
    if (!component) continue;
    tree.components.push(component);
    const id = keyId(component.key);
    const earlier = byKey.get(id);
    if (earlier && earlier.source.folder === 'standardized' && source.folder === 'custom') earlier.overriddenBy = component;
    if (!earlier || earlier.source.folder !== source.folder) byKey.set(id, component);
  }
  tree.effective = [...byKey.values()];
  return tree;
}
