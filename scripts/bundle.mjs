// Build step after tsc: bundles the compiled CLI (dist/src) into a few files under dist/bundle, which bin/ocppctl
// loads. Node 20 has no compile cache and resolves each ES module separately; ~100 small modules cost more
// start-up time than the checks themselves. Lazy `import()`s stay lazy: each becomes its own chunk.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');

const entries = {
  main: join(root, 'dist/src/cli/main.js'),
  io: join(root, 'dist/src/cli/io.js'),
  // fleet workers start from their own entry, so each worker loads a few bundled files, not ~100 modules
  'fleet-worker': join(root, 'dist/src/fleet/worker.js'),
};
const entryByPath = new Map(Object.entries(entries).map(([name, path]) => [path, `./${name}.js`]));

// Modules find their data with `new URL('<relative>', import.meta.url)`; in the bundle import.meta.url is the
// chunk's, so re-aim each such path from the source module's folder to the bundle folder (or, for a module
// that is itself an entry, to its bundled file).
const reaimDataUrls = {
  name: 'reaim-import-meta-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
      const text = (await readFile(args.path, 'utf8')).replace(
        /new URL\((['`])(\.[^'`]*)\1, import\.meta\.url\)/g,
        (_, quote, rel) => {
          const entry = entryByPath.get(resolve(dirname(args.path), rel));
          if (entry) return `new URL(${quote}${entry}${quote}, import.meta.url)`;
          let target = relative(outdir, resolve(dirname(args.path), rel)).split('\\').join('/');
          if (!target.startsWith('.')) target = './' + target;
          if (rel.endsWith('/')) target += '/';
          return `new URL(${quote}${target}${quote}, import.meta.url)`;
        },
      );
      return { contents: text, loader: 'js' };
    });
  },
};

// chunk names carry content hashes: clear the folder so stale chunks do not pile up
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: entries,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  // native addons and packages that load files of their own at run time stay in node_modules
  external: ['better-sqlite3', 'node-pty', 'ws', 'bufferutil', 'utf-8-validate', 'ajv', 'ajv/*', 'ajv-formats', 'selfsigned', 'fast-check'],
  plugins: [reaimDataUrls],
  // CommonJS dependencies bundled into ESM still call require()
  banner: { js: "import { createRequire as __ocppctlCreateRequire } from 'node:module'; const require = __ocppctlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
