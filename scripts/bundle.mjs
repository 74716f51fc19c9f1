// Build step after tsc: bundles the compiled CLI (dist/src) for start-up speed. Node 20 has no compile cache and
// resolves each ES module separately; ~100 small modules cost more start-up time than the checks themselves.
// - dist/bundle/app.cjs: the whole CLI in one CommonJS file, which bin/ocppctl loads with the V8 code cache that
//   scripts/train-code-cache.mjs makes for it (src/cli/launch.cts). Lazy parts stay lazy: esbuild wraps each
//   module in a function that runs on first use, so they cost only the reading of their text.
// - dist/bundle/fleet-worker.js: the entry of fleet worker threads, an ES module with its chunks.
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { BUILD_MARK } = createRequire(import.meta.url)('../dist/src/cli/launch.cjs');
const outdir = join(root, 'dist/bundle');

const entries = {
  app: join(root, 'dist/src/cli/app.js'),
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
      const text = (await readFile(args.path, 'utf8')).replace(/new URL\((['`])(\.[^'`]*)\1, import\.meta\.url\)/g, (_, quote, rel) => {
        const entry = entryByPath.get(resolve(dirname(args.path), rel));
        // a module may only point at an ES-module entry; the CommonJS app is never a URL target
        if (entry) return `new URL(${quote}${entry}${quote}, import.meta.url)`;
        let target = relative(outdir, resolve(dirname(args.path), rel))
          .split('\\')
          .join('/');
        if (!target.startsWith('.')) target = './' + target;
        if (rel.endsWith('/')) target += '/';
        return `new URL(${quote}${target}${quote}, import.meta.url)`;
      });
      return { contents: text, loader: 'js' };
    });
  },
};

// chunk names carry content hashes: clear the folder so stale chunks (and code caches) do not pile up
await rm(outdir, { recursive: true, force: true });
// native addons and packages that load files of their own at run time stay in node_modules; so do large ones
// that only a few commands load (yaml: 1.6 custom mappings; @peculiar/*: Plug&Charge certificates),
// since every run reads and compiles app.cjs whole
const external = [
  'better-sqlite3',
  'node-pty',
  'ws',
  'bufferutil',
  'utf-8-validate',
  'ajv',
  'ajv/*',
  'ajv-formats',
  'selfsigned',
  'fast-check',
  'yaml',
  '@peculiar/*',
  'reflect-metadata',
];

await build({
  entryPoints: { 'fleet-worker': entries['fleet-worker'] },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  external,
  plugins: [reaimDataUrls],
  // CommonJS dependencies bundled into ESM still call require()
  banner: {
    js: "import { createRequire as __ocppctlCreateRequire } from 'node:module'; const require = __ocppctlCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The OCPP message validators (6 MB of generated code, needed only by connect and csms) stay out of app.cjs, whose
// whole text every run reads: its import() loads them from dist/src, where tsc put them.
const validatorsFromDistSrc = {
  name: 'validators-from-dist-src',
  setup(b) {
    b.onResolve({ filter: /[\\/]generated[\\/]ocpp2\d+-validators\.js$/ }, (args) => ({
      path: './' + relative(outdir, resolve(args.resolveDir, args.path)).split('\\').join('/'),
      external: true,
    }));
  },
};
// Node modules that a run of the CLI loads but does not need cost start-up time (node:tty with node:net alone
// takes ~3.5 ms). chalk asks node:tty whether the output is a terminal, but ocppctl always tells chalk its colour
// level (colorEnabled in src/cli/io.ts): chalk's own guess becomes "no colour" without loading node:tty.
// commander loads node:child_process for stand-alone executable subcommands, which ocppctl has none of: it is
// loaded on first use instead.
const startupDiet = {
  name: 'startup-diet',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes(`${sep}chalk${sep}`) ? { path: 'supports-color', namespace: 'startup-diet' } : undefined,
    );
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}commander${sep}`) ? { path: 'child_process', namespace: 'startup-diet' } : undefined,
    );
    // inquirer is external (1 MB with rxjs and its encodings, needed only at prompts); required, its CommonJS
    // build has the API on `default`, where an ES module import finds it
    b.onResolve({ filter: /^inquirer$/ }, (args) =>
      args.namespace === 'startup-diet' ? { path: 'inquirer', external: true } : { path: 'inquirer', namespace: 'startup-diet' },
    );
    b.onLoad({ filter: /^inquirer$/, namespace: 'startup-diet' }, () => ({
      contents: "module.exports = require('inquirer').default;",
      loader: 'js',
    }));
    b.onLoad({ filter: /^supports-color$/, namespace: 'startup-diet' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
    b.onLoad({ filter: /^child_process$/, namespace: 'startup-diet' }, () => ({
      contents: "let cp; module.exports = new Proxy({}, { get: (_, key) => (cp ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
const app = join(outdir, 'app.cjs');
await build({
  entryPoints: [entries.app],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: app,
  // better-sqlite3's JavaScript comes along (src/db/sqlite.ts names its native addon, so `bindings` is never used),
  // and so do the ajv runtime helpers that the generated component validator imports; ajv itself (300 KB with
  // fast-uri and ajv-formats, which only the 1.6 readers compile schemas with) stays in node_modules
  external: [...external.filter((e) => !['better-sqlite3', 'ajv/*'].includes(e)), 'bindings', '*.node'],
  plugins: [reaimDataUrls, validatorsFromDistSrc, startupDiet],
  // modules of the bundle find their data files relative to it
  define: { 'import.meta.url': '__ocppctlBundleUrl' },
  // __ocppctlHostImport: see src/cli/launch.cts; loaded by require(), the bundle's import() works as it is
  banner: {
    js: [
      "const __ocppctlBundleUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __ocppctlImport = typeof __ocppctlHostImport === 'function' ? __ocppctlHostImport : (specifier) => import(specifier);",
    ].join('\n'),
  },
  charset: 'ascii',
  logLevel: 'warning',
});
// src/cli/launch.cts reads the bundle as latin1, which is right only for ASCII text. charset 'ascii' escapes code;
// what it leaves are comments, where an escape is as good as the character.
// Every import("…") left in the output loads an external module (esbuild turned the bundled ones into calls);
// each becomes __ocppctlImport("…"), which the launcher provides.
const text = (await readFile(app, 'utf8'))
  .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  .replace(/\bimport\((?=["'`])/g, '__ocppctlImport(');
// V8 checks a code cache against the length of the source only, so a cache made for another text of the same
// length would be taken; the launcher reads the caches named after this fingerprint of the text (BUILD_MARK).
const fingerprint = createHash('sha256').update(text).digest('hex').slice(0, 16);
await writeFile(app, `${text}${BUILD_MARK}${fingerprint}\n`);
