export { renderTree, listControllers } from './render-tree.js';
export type { InitOptions, InitFile } from './render-tree.js';
export { writeTree } from './write-tree.js';
