import { assembleTree } from '../../src/model/index.js';
import type { ConfigTree, SourceFile } from '../../src/model/index.js';

/** A ConfigTree from parsed files, assembled as loadConfigTree does, so the fuzz loop needs no disk. */
export const treeOf = (files: SourceFile[]): ConfigTree =>
  assembleTree({ root: '/fuzz', displayRoot: 'fuzz', files, ignored: [], components: [], effective: [] });
