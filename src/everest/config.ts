import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { displayPath, joinPointer } from '../model/index.js';
import type { Position } from '../model/index.js';
import { hasPointer, isScalarAt, locateYaml, parseYamlFile } from './yaml-file.js';
import type { YamlFile } from './yaml-file.js';
import { mergePatch } from '../model/merge-patch.js';

export const OCPP2_MODULES = ['OCPP201', 'OCPPmulti'] as const;

export interface Connection {
  moduleId: string;
  implementationId: string;
  pointer: string;
}

export interface ModuleEntry {
  id: string;
  /** The `module` value: the module type; '' when missing or not a string. */
  type: string;
  pointer: string;
  raw: Record<string, unknown>;
  config: Record<string, unknown>;
  configImpl: Record<string, Record<string, unknown>>;
  connections: Map<string, Connection[]>;
  /** `mapping.module.evse`, when it is an integer. */
  evse?: number;
}

export interface EverestConfig {
  main: YamlFile;
  /** `user-config/<same name>` beside the file, merged over it as EVerest's manager does. */
  overlay?: YamlFile;
  /** The effective document (overlay merged), or undefined when the main file did not parse. */
  data?: Record<string, unknown>;
  modules: Map<string, ModuleEntry>;
  /** `settings.prefix` of the effective document. */
  settingsPrefix?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readYaml(path: string, cwd: string): YamlFile {
  const file = displayPath(resolve(cwd), path);
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new OcppctlError('INPUT', `${file} is not a regular file`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof OcppctlError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new OcppctlError(
      'INPUT',
      code === 'ENOENT' ? `no EVerest config at ${file}` : `cannot read the EVerest config ${file} (${code ?? (err as Error).message})`,
    );
  }
  return parseYamlFile(path, file, text);
}

/** Reads an EVerest config YAML; throws OcppctlError only when the file cannot be read at all. */
export function loadEverestConfig(configPath: string, opts: { cwd?: string } = {}): EverestConfig {
  const cwd = opts.cwd ?? '.';
  const path = resolve(cwd, configPath);
  const main = readYaml(path, cwd);
  const config: EverestConfig = { main, modules: new Map() };
  if (!isObject(main.data)) return config;
  let data: Record<string, unknown> = main.data;
  // EVerest's manager merges <config dir>/user-config/<config file name> over the config (JSON merge patch)
  const overlayPath = join(dirname(path), 'user-config', basename(path));
  if (existsSync(overlayPath)) {
    const overlay = readYaml(overlayPath, cwd);
    config.overlay = overlay;
    if (isObject(overlay.data)) data = mergePatch(data, overlay.data) as Record<string, unknown>;
  }
  config.data = data;
  if (isObject(data.settings) && typeof data.settings.prefix === 'string') config.settingsPrefix = data.settings.prefix;
  if (isObject(data.active_modules))
    for (const [id, raw] of Object.entries(data.active_modules)) {
      if (!isObject(raw)) continue;
      const pointer = joinPointer('/active_modules', id);
      const entry: ModuleEntry = {
        id,
        type: typeof raw.module === 'string' ? raw.module : '',
        pointer,
        raw,
        config: isObject(raw.config_module) ? raw.config_module : {},
        configImpl: {},
        connections: new Map(),
      };
      if (isObject(raw.config_implementation))
        for (const [impl, cfg] of Object.entries(raw.config_implementation)) if (isObject(cfg)) entry.configImpl[impl] = cfg;
      if (isObject(raw.connections))
        for (const [req, list] of Object.entries(raw.connections)) {
          const conns: Connection[] = [];
          if (Array.isArray(list))
            list.forEach((c, i) => {
              if (isObject(c) && typeof c.module_id === 'string' && typeof c.implementation_id === 'string')
                conns.push({
                  moduleId: c.module_id,
                  implementationId: c.implementation_id,
                  pointer: joinPointer(pointer, 'connections', req, i),
                });
            });
          entry.connections.set(req, conns);
        }
      const mapping = isObject(raw.mapping) && isObject(raw.mapping.module) ? raw.mapping.module : undefined;
      if (mapping && Number.isInteger(mapping.evse)) entry.evse = mapping.evse as number;
      config.modules.set(id, entry);
    }
  return config;
}

/** Where a pointer of the effective document was written: the overlay when it sets it, else the main file. */
/** The file a pointer's value comes from: the overlay for a value it sets, the main file otherwise. */
export function fileWith(config: EverestConfig, pointer: string): YamlFile {
  const o = config.overlay;
  // a value the overlay sets is found there; a mapping both files write (a module, its config_module) stays in the main file
  const inOverlay =
    o !== undefined &&
    o.data !== undefined &&
    pointer !== '' &&
    hasPointer(o, pointer) &&
    (!hasPointer(config.main, pointer) || isScalarAt(o, pointer));
  return inOverlay ? o : config.main;
}

export function locateIn(config: EverestConfig, pointer: string, opts: { key?: boolean } = {}): { file: string; position: Position } {
  const f = fileWith(config, pointer);
  return { file: f.file, position: locateYaml(f, pointer, opts) };
}

/** Where EVerest is installed: --everest-prefix when given, else the YAML's `settings.prefix` (both from `cwd`). */
export function everestPrefix(config: EverestConfig, cwd: string, given?: string): string | undefined {
  const prefix = given ?? config.settingsPrefix;
  return prefix === undefined ? undefined : resolve(cwd, prefix);
}

export const ocppModules = (config: EverestConfig) =>
  [...config.modules.values()].filter((m) => (OCPP2_MODULES as readonly string[]).includes(m.type));

export type DeviceModelLocation =
  | { kind: 'found'; dir: string; pointer: string; written: string }
  | { kind: 'missing'; dir: string; pointer: string; written: string; why: string }
  | { kind: 'unresolved'; pointer: string; written: string };

/**
 * The share folder a relative path of an OCPP module is resolved against. OCPP201 uses its own
 * (info.paths.share); OCPPmulti's generic_ocpp.cpp (update_path_v2/update_path_v16) uses OCPP201's for the 2.x keys
 * and OCPP's for the 1.6 keys (ChargePointConfigPath, DatabasePath, UserConfigPath).
 */
export const shareOf = (prefix: string, module: string, ocpp: '1.6' | '2') =>
  join(prefix, 'share/everest/modules', module === 'OCPPmulti' ? (ocpp === '2' ? 'OCPP201' : 'OCPP') : module);

/**
 * The folder the OCPP module reads its component config from. OCPP201::ready(): DeviceModelConfigPath as
 * written when absolute, else relative to the share folder (shareOf).
 */
export function locateDeviceModel(
  config: EverestConfig,
  ocpp: ModuleEntry,
  prefix: string | undefined,
  defaultPath: string,
): DeviceModelLocation {
  const value = ocpp.config.DeviceModelConfigPath;
  const written = typeof value === 'string' ? value : defaultPath;
  const pointer = typeof value === 'string' ? joinPointer(ocpp.pointer, 'config_module', 'DeviceModelConfigPath') : ocpp.pointer;
  let dir: string;
  if (isAbsolute(written)) dir = written;
  else if (prefix !== undefined) dir = join(shareOf(prefix, ocpp.type, '2'), written);
  else return { kind: 'unresolved', pointer, written };
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  if (!isDir(dir)) return { kind: 'missing', dir, pointer, written, why: 'does not exist' };
  if (!isDir(join(dir, 'standardized'))) return { kind: 'missing', dir, pointer, written, why: 'has no standardized/ folder' };
  return { kind: 'found', dir, pointer, written };
}
