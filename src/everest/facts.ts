import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile } from './yaml-file.js';

// The project's own compact form of what EVerest's manager reads from each module's manifest.yaml and from the
// framework's schemas/config.yaml. `npm run gen:everest` writes it to data/ from the reference; --everest-prefix
// reads an installation's manifests the same way at run time.

export type ConfigType = 'boolean' | 'integer' | 'number' | 'string';

export interface ConfigKeyFacts {
  type: ConfigType;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

export interface ModuleFacts {
  config: Record<string, ConfigKeyFacts>;
  provides: Record<string, { interface: string; config: Record<string, ConfigKeyFacts> }>;
  requires: Record<string, { interface: string; min: number; max: number }>;
}

export interface EverestFacts {
  /** Where the facts come from: "built-in" or the installation's modules folder. */
  origin: string;
  /** Keys of `settings` with their JSON types, from schemas/config.yaml. */
  settings: Record<string, string>;
  /** Keys a module entry of `active_modules` may have, from schemas/config.yaml. */
  moduleKeys: string[];
  modules: Record<string, ModuleFacts>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function configSet(raw: unknown): Record<string, ConfigKeyFacts> {
  const out: Record<string, ConfigKeyFacts> = {};
  if (!isObject(raw)) return out;
  for (const key of Object.keys(raw).sort()) {
    const k = raw[key];
    if (!isObject(k) || typeof k.type !== 'string') continue;
    const f: ConfigKeyFacts = { type: k.type as ConfigType };
    if ('default' in k) f.default = k.default;
    if (Array.isArray(k.enum)) f.enum = k.enum;
    if (typeof k.minimum === 'number') f.minimum = k.minimum;
    if (typeof k.maximum === 'number') f.maximum = k.maximum;
    if (typeof k.pattern === 'string') f.pattern = k.pattern;
    out[key] = f;
  }
  return out;
}

/** One manifest.yaml's content as facts (the manifest schema's defaults filled in: min and max connections 1). */
export function manifestFacts(manifest: unknown): ModuleFacts {
  const m = isObject(manifest) ? manifest : {};
  const facts: ModuleFacts = { config: configSet(m.config), provides: {}, requires: {} };
  if (isObject(m.provides))
    for (const impl of Object.keys(m.provides).sort()) {
      const p = m.provides[impl];
      if (isObject(p) && typeof p.interface === 'string') facts.provides[impl] = { interface: p.interface, config: configSet(p.config) };
    }
  if (isObject(m.requires))
    for (const req of Object.keys(m.requires).sort()) {
      const r = m.requires[req];
      if (isObject(r) && typeof r.interface === 'string')
        facts.requires[req] = {
          interface: r.interface,
          min: typeof r.min_connections === 'number' ? r.min_connections : 1,
          max: typeof r.max_connections === 'number' ? r.max_connections : 1,
        };
    }
  return facts;
}

/** The settings keys and module-entry keys of the framework's config schema. */
export function configSchemaFacts(schema: unknown): Pick<EverestFacts, 'settings' | 'moduleKeys'> {
  const s = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const settings: Record<string, string> = {};
  const props = isObject(s.settings) && isObject(s.settings.properties) ? s.settings.properties : {};
  for (const key of Object.keys(props).sort()) {
    const p = props[key];
    if (isObject(p) && typeof p.type === 'string') settings[key] = p.type;
  }
  const am =
    isObject(s.active_modules) && isObject(s.active_modules.patternProperties)
      ? Object.values(s.active_modules.patternProperties)[0]
      : undefined;
  const moduleKeys = isObject(am) && isObject(am.properties) ? Object.keys(am.properties).sort() : [];
  return { settings, moduleKeys };
}

/** Every `<Module>/manifest.yaml` below dir (the reference keeps them in category folders, an installation flat). */
export function readManifests(dir: string): Record<string, ModuleFacts> {
  const modules: Record<string, ModuleFacts> = {};
  const walk = (d: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!e.isDirectory()) continue;
      const manifest = join(d, e.name, 'manifest.yaml');
      if (existsSync(manifest)) {
        try {
          modules[e.name] = manifestFacts(readYamlData(manifest));
        } catch {
          // a manifest that does not parse makes its module unknown, as for the manager
        }
      } else if (depth < 3) walk(join(d, e.name), depth + 1);
    }
  };
  walk(dir, 0);
  return Object.fromEntries(Object.entries(modules).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Facts from an EVerest source tree (the reference): modules/**\/manifest.yaml and the framework schema. */
export function factsFromSources(everestRoot: string): Omit<EverestFacts, 'origin'> {
  const schema: unknown = readYamlData(join(everestRoot, 'lib/everest/framework/schemas/config.yaml'));
  return { ...configSchemaFacts(schema), modules: readManifests(join(everestRoot, 'modules')) };
}

/** A YAML file's data; throws when it cannot be read as YAML. */
function readYamlData(path: string): unknown {
  const f = parseYamlFile(path, path, readFileSync(path, 'utf8'));
  const fatal = f.problems.find((p) => p.fatal);
  if (fatal) throw new Error(`${path}:${fatal.position.line}:${fatal.position.column}: ${fatal.message}`);
  return f.data;
}

/**
 * The committed form of the facts (src/everest/data/everest-facts.json, written by `npm run gen:everest`): each
 * module's facts as a JSON text of its own, so that a run parses only the modules its config names (a config
 * names about 15 of 118; parsing them all took 5 ms of validate --everest-config's start-up).
 */
export function factsFileText(facts: Omit<EverestFacts, 'origin'>): string {
  const modules = Object.fromEntries(Object.entries(facts.modules).map(([name, m]) => [name, JSON.stringify(m)]));
  return JSON.stringify({ settings: facts.settings, moduleKeys: facts.moduleKeys, modules }) + '\n';
}

/** The facts of factsFileText's text; a module's facts are parsed when first looked up. */
export function factsFromFileText(text: string, origin: string): EverestFacts {
  const raw = JSON.parse(text) as Omit<EverestFacts, 'origin' | 'modules'> & { modules: Record<string, string> };
  const modules: Record<string, ModuleFacts> = {};
  for (const [name, json] of Object.entries(raw.modules)) {
    let parsed: ModuleFacts | undefined;
    Object.defineProperty(modules, name, { enumerable: true, get: () => (parsed ??= JSON.parse(json) as ModuleFacts) });
  }
  return { origin, settings: raw.settings, moduleKeys: raw.moduleKeys, modules };
}

let builtIn: EverestFacts | undefined;

export function builtInFacts(): EverestFacts {
  builtIn ??= factsFromFileText(readFileSync(new URL('./data/everest-facts.json', import.meta.url), 'utf8'), 'built-in');
  return builtIn;
}

/** With --everest-prefix: the installation's manifests (<prefix>/libexec/everest/modules/<Module>/manifest.yaml) when it has them. */
export function factsFor(prefix: string | undefined): EverestFacts {
  const base = builtInFacts();
  if (prefix === undefined) return base;
  const dir = join(prefix, 'libexec/everest/modules');
  if (!existsSync(dir)) return base;
  return { ...base, origin: dir, modules: readManifests(dir) };
}
