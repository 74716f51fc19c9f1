// The CLI as one unit: scripts/bundle.mjs bundles this entry into dist/bundle/app.cjs, which bin/ocppctl loads
// through ./launch.ts.
export { run } from './main.js';
export { nodeIo } from './io.js';
