// Start-up of bin/ocppctl. Most of a short run's time is V8 compiling the CLI, not running it, and Node 20 keeps
// no compiled code between runs. So the build bundles the CLI into one CommonJS file (dist/bundle/app.cjs), runs
// it once on typical commands and saves V8's code cache for it (scripts/train-code-cache.mjs); here that cache
// is handed back to V8, which then skips the compiling. The cache is named after the V8 version that made it:
// under another Node there is none, and the bundle loads with require(), where Node 22.1+ keeps its own cache.
// This file is CommonJS (.cts), like bin/ocppctl: a CommonJS entry spares Node its ES module loader.
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import url = require('node:url');
import vm = require('node:vm');
import type * as App from './app.js';

type AppModule = typeof App;

interface LoadedApp {
  app: AppModule;
  /** The compiled bundle, when it was compiled here (with or without a cache) rather than by require(). */
  script?: vm.Script;
  /** Whether V8 took the saved code cache. */
  cacheUsed: boolean;
}

const APP_BUNDLE = path.join(__dirname, '../../bundle/app.cjs');

/** The bundle's last line: this, then a fingerprint of the text above it (scripts/bundle.mjs). */
const BUILD_MARK = '//# ocppctl-build=';

/**
 * Where a code cache for this Node's V8 and this build of the bundle lives, next to the bundle. Besides the cache
 * made from all typical commands there is one per kind of run whose start-up is measured (TRAINED_KINDS): V8
 * then deserialises only what that kind of run executes.
 */
const codeCacheFile = (bundle: string, build: string, kind?: string) =>
  `${bundle}.${build}.${kind ? `${kind}.` : ''}v8-${process.versions.v8}.cache`;

/**
 * The kinds of run with a cache of their own: a plain validate, and a validate with an EVerest config, which
 * also runs the YAML parser and the EVerest rules (in the plain validate's cache they would only cost time).
 */
const TRAINED_KINDS = ['validate', 'validate-everest'];

/** The kind of run these arguments make: the command (the first argument that is not an option), refined. */
function runKindOf(argv: readonly string[]): string | undefined {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === 'validate' && argv.some((a) => a === '--everest-config' || a.startsWith('--everest-config='))) return 'validate-everest';
  return command;
}

/** The fingerprint on the bundle's last line, or '' for a bundle without one. */
function buildOf(source: string): string {
  const at = source.lastIndexOf(BUILD_MARK);
  return at === -1 ? '' : source.slice(at + BUILD_MARK.length).trim();
}

function readCache(bundle: string, build: string, argv: readonly string[]): Buffer | undefined {
  if (!/^[0-9a-f]{16}$/.test(build)) return undefined;
  const kind = runKindOf(argv);
  const own = kind && TRAINED_KINDS.includes(kind) ? [codeCacheFile(bundle, build, kind)] : [];
  for (const file of [...own, codeCacheFile(bundle, build)]) {
    try {
      return fs.readFileSync(file);
    } catch {
      // none for this command, this build or this V8
    }
  }
  return undefined;
}

/**
 * Loads the CLI bundle for a run with these arguments. `compile: true` compiles the bundle here from source,
 * with no cache, so that a cache can be made from the script holding only what is run next.
 */
function loadApp(options: { bundle?: string; argv?: readonly string[]; compile?: boolean } = {}): LoadedApp {
  const bundle = options.bundle ?? APP_BUNDLE;
  // the bundle is ASCII (the build makes sure), so latin1 reads it without UTF-8 decoding
  const source = fs.readFileSync(bundle, 'latin1');
  const cachedData = options.compile ? undefined : readCache(bundle, buildOf(source), options.argv ?? []);
  if (!cachedData && !options.compile) {
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    return { app: require(bundle) as AppModule, cacheUsed: false };
  }
  // The wrapper is the one require() puts around a CommonJS module, kept on the first line so that stack traces
  // keep their lines, with one more parameter: the bundle's import() calls. Under Node 20, V8 loses the import()
  // handler of functions that it compiles after taking a code cache ("A dynamic import callback was not
  // specified"), so the build turns the bundle's import() calls into calls of this function, which is compiled
  // the ordinary way.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __ocppctlHostImport) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const base = url.pathToFileURL(bundle);
  const hostImport = (specifier: string): Promise<unknown> => import(specifier.startsWith('.') ? new URL(specifier, base).href : specifier);
  const mod = { exports: {} as AppModule };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    mod.exports,
    nodeModule.createRequire(bundle),
    mod,
    bundle,
    path.dirname(bundle),
    hostImport,
  );
  return { app: mod.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

export = { APP_BUNDLE, BUILD_MARK, TRAINED_KINDS, buildOf, codeCacheFile, loadApp, runKindOf };
