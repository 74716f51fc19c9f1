import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { displayPath, joinPointer, locate, parseSourceFile } from '../model/index.js';
import type { SourceFile } from '../model/index.js';
import { PROFILE_SCHEMAS } from './profile-schemas.generated.js';
import { SECRET_KEYS } from './mapping.js';
import { mergePatch } from '../model/merge-patch.js';

// libocpp's ChargePointConfiguration (lib/ocpp/v16/charge_point_configuration.cpp) reads ChargePointConfigPath,
// overlays UserConfigPath with a JSON merge patch, validates the result against the profile schemas (adding their
// defaults) and serves the keys of the supported feature profiles as text. This file does the same, with located
// errors instead of a throw at start-up.

/** One 1.6 key as get_all_key_value serves it. */
export interface LegacyKey {
  section: string;
  key: string;
  /** The JSON value after overlay and defaults. */
  raw: unknown;
  /** The value as libocpp's KeyValue text. */
  text: string;
  readonly: boolean;
  /** Where the value came from: `file:line:column`, or `default of <section>.json`. */
  where: string;
}

export interface LegacyConfig {
  keys: LegacyKey[];
  /** Keys by name (a key name is unique across sections in libocpp's schemas). */
  byName: Map<string, LegacyKey>;
  files: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// libocpp's SupportedFeatureProfiles enum order: the order get_all_key_value walks the sections in
const PROFILE_ORDER = [
  'Core',
  'FirmwareManagement',
  'LocalAuthListManagement',
  'Reservation',
  'SmartCharging',
  'RemoteTrigger',
  'Security',
  'Internal',
  'PnC',
  'CostAndPrice',
  'Custom',
];

function readJson(path: string, cwd: string, what: string): SourceFile {
  const abs = resolve(cwd, path);
  const file = displayPath(cwd, abs);
  let bytes: Uint8Array;
  try {
    if (statSync(abs).isDirectory()) throw new OcppctlError('INPUT', `${file}: is a folder; ${what} must be a JSON file`);
    bytes = readFileSync(abs);
  } catch (err) {
    if (err instanceof OcppctlError) throw err;
    throw new OcppctlError('INPUT', `${file}: cannot read ${what} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const src = parseSourceFile(abs, file, 'standardized', bytes);
  const bad = src.problems.find((p) => p.ruleId === 'json-syntax') ?? (src.root ? undefined : src.problems[0]);
  if (bad || !src.root) {
    const at = bad?.position ?? { line: 1, column: 1 };
    throw new OcppctlError(
      'INPUT',
      `${file}:${at.line}:${at.column}: ${what} is not valid JSON: ${bad?.message ?? 'cannot parse'}; nothing was changed`,
    );
  }
  if (!isObject(src.json))
    throw new OcppctlError('INPUT', `${file}:1:1: ${what} must be a JSON object of profile sections; nothing was changed`);
  return src;
}

/** libocpp's KeyValue text of a 1.6 value: booleans as true/false, lists as CSV, objects as nlohmann's dump (sorted keys). */
export function keyText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => String(x)).join(',');
  return sortedJson(v);
}

const sortedJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(sortedJson).join(',')}]`
    : isObject(v)
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

export interface ReadLegacyOptions {
  config: string;
  userConfig?: string;
  cwd: string;
}

export async function readLegacyConfig(opts: ReadLegacyOptions): Promise<LegacyConfig> {
  const main = readJson(opts.config, opts.cwd, 'the OCPP 1.6 config');
  const user = opts.userConfig !== undefined ? readJson(opts.userConfig, opts.cwd, 'the OCPP 1.6 user config') : undefined;
  const merged = (user ? mergePatch(main.json, user.json) : structuredClone(main.json)) as Record<string, unknown>;

  // where a value is: the user config when it sets it, else the main config
  const whereOf = (pointer: string): string => {
    for (const src of user ? [user, main] : [main]) {
      if (hasPointer(src.json, pointer)) {
        const at = locate(src, pointer, { key: true });
        return `${src.file}:${at.line}:${at.column}`;
      }
    }
    return `${main.file}:1:1`;
  };

  const { default: Ajv } = await import('ajv');
  const ajv = new Ajv.default({ allErrors: true, strict: false, useDefaults: true });
  const schema = {
    type: 'object',
    required: PROFILE_SCHEMAS.required,
    properties: Object.fromEntries(
      [...PROFILE_SCHEMAS.sections, 'Custom'].map((s) => [s, { type: 'object', ...PROFILE_SCHEMAS.profiles[s] }]),
    ),
    additionalProperties: false,
  };
  const validate = ajv.compile(schema);
  const problems: string[] = [];
  if (!validate(merged)) {
    for (const e of validate.errors ?? []) {
      const pointer =
        e.keyword === 'additionalProperties'
          ? joinPointer(e.instancePath, String(e.params.additionalProperty))
          : e.keyword === 'required'
            ? e.instancePath
            : e.instancePath;
      const name = pointer.split('/').slice(1).join('.') || '(top level)';
      const detail =
        e.keyword === 'additionalProperties'
          ? 'is not a key of the 1.6 profile schemas'
          : e.keyword === 'required'
            ? `needs ${e.params.missingProperty}`
            : SECRET_KEYS.has(pointer.split('/').pop() ?? '')
              ? `${e.message} (value not shown)`
              : (e.message ?? 'is invalid');
      problems.push(`${whereOf(pointer)}: ${name} ${detail}`);
    }
  }
  const core = merged.Core;
  const profilesText = isObject(core) && typeof core.SupportedFeatureProfiles === 'string' ? core.SupportedFeatureProfiles : undefined;
  const supported = new Set(['Security', 'Internal']);
  if (profilesText !== undefined) {
    for (const p of profilesText.split(',')) {
      if (!PROFILE_ORDER.includes(p) || p === 'Custom')
        problems.push(
          `${whereOf('/Core/SupportedFeatureProfiles')}: Core.SupportedFeatureProfiles names "${p}", not a 1.6 feature profile`,
        );
      else supported.add(p);
    }
    if (!supported.has('Core')) problems.push(`${whereOf('/Core/SupportedFeatureProfiles')}: Core.SupportedFeatureProfiles must list Core`);
  }
  for (const s of ['PnC', 'CostAndPrice', 'Custom']) if (s in merged) supported.add(s);
  if (problems.length) {
    throw new OcppctlError(
      'REFUSED',
      `the OCPP 1.6 config is not valid against libocpp's 1.6 profile schemas; nothing was changed:\n  ${problems.join('\n  ')}`,
    );
  }

  const keys: LegacyKey[] = [];
  for (const section of PROFILE_ORDER) {
    const body = merged[section];
    if (!supported.has(section) || !isObject(body)) continue;
    const props = PROFILE_SCHEMAS.profiles[section]?.properties ?? {};
    for (const [key, raw] of Object.entries(body)) {
      const pointer = `/${section}/${key}`;
      const explicit = hasPointer(main.json, pointer) || (user !== undefined && hasPointer(user.json, pointer));
      keys.push({
        section,
        key,
        raw,
        // libocpp serves the cipher lists as OpenSSL strings (getSupportedCiphers12: joined with ':')
        text: /^SupportedCiphers1[23]$/.test(key) && Array.isArray(raw) ? raw.join(':') : keyText(raw),
        readonly: props[key]?.readOnly === true,
        where: explicit ? whereOf(pointer) : `the default of ${section}.${key} in libocpp's 1.6 profile schema`,
      });
    }
  }
  return { keys, byName: new Map(keys.map((k) => [k.key, k])), files: [main.file, ...(user ? [user.file] : [])] };
}

function hasPointer(doc: unknown, pointer: string): boolean {
  let node = doc;
  for (const seg of pointer.split('/').slice(1)) {
    if (!isObject(node) || !(seg in node)) return false;
    node = node[seg];
  }
  return true;
}
