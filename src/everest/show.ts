import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { joinPointer } from '../model/index.js';
import { everestPrefix, loadEverestConfig, locateIn, shareOf } from './config.js';
import type { EverestConfig, ModuleEntry } from './config.js';
import { mappedEvse } from './effective.js';
import { factsFor } from './facts.js';
import { hasPointer } from './yaml-file.js';

export type ValueSource = 'yaml' | 'user-config' | 'manifest default' | 'unset';

export interface ShownKey {
  key: string;
  /** Undefined when unset; secrets are masked. */
  value?: unknown;
  source: ValueSource;
  /** "file:line" where the value is written (YAML or overlay). */
  at?: string;
}

export interface ShownPath {
  name: string;
  written: string;
  /** Absolute path the module uses, or undefined when a relative one needs an unknown prefix. */
  resolved?: string;
  exists?: boolean;
}

export interface ShownEvse {
  evse: number;
  evseManager: string;
  connectorId?: unknown;
  energySink?: string;
  extension15118?: string;
  tokenProvider?: string;
}

export interface EverestShow {
  file: string;
  overlay?: string;
  problems: { file: string; line: number; column: number; message: string }[];
  module?: { id: string; type: string; line: number };
  prefix?: string;
  keys: ShownKey[];
  paths: ShownPath[];
  evses: ShownEvse[];
  stationEnergySink?: string;
}

const SECRET = /pass|secret|token|key$/i;
// OCPP201::ready(): these are relative to the module's share folder; the core database and message logs are used as written
const SHARE_RELATIVE = [
  'DeviceModelConfigPath',
  'DeviceModelDatabasePath',
  'EverestDeviceModelDatabasePath',
  'DeviceModelDatabaseMigrationPath',
];
const AS_WRITTEN = ['CoreDatabasePath', 'MessageLogPath'];
// OCPPmulti's 1.6 keys, relative to share/everest/modules/OCPP/ (generic_ocpp.cpp update_path_v16)
const SHARE_RELATIVE_16 = ['ChargePointConfigPath', 'DatabasePath', 'UserConfigPath'];
const OCPP = ['OCPPmulti', 'OCPP201', 'OCPP'];

/** The OCPP module as EVerest will run it: effective keys and their sources, resolved paths, the EVSE table. */
export function showEverest(configPath: string, opts: { cwd?: string; prefix?: string } = {}): EverestShow {
  const cwd = opts.cwd ?? '.';
  const config = loadEverestConfig(configPath, { cwd });
  const out: EverestShow = { file: config.main.file, overlay: config.overlay?.file, problems: [], keys: [], paths: [], evses: [] };
  for (const f of [config.main, config.overlay])
    for (const p of f?.problems ?? [])
      out.problems.push({ file: f!.file, line: p.position.line, column: p.position.column, message: p.message });
  const prefix = everestPrefix(config, cwd, opts.prefix);
  out.prefix = prefix;
  const m = [...config.modules.values()].find((x) => OCPP.includes(x.type));
  if (!m) return out;
  const facts = factsFor(prefix);
  out.module = { id: m.id, type: m.type, line: locateIn(config, m.pointer, { key: true }).position.line };
  const manifest = facts.modules[m.type]?.config ?? {};
  for (const key of [...new Set([...Object.keys(manifest), ...Object.keys(m.config)])].sort())
    out.keys.push(shownKey(config, m, key, manifest[key]?.default, key in manifest && 'default' in manifest[key]));
  const share = prefix && shareOf(prefix, m.type, '2');
  const share16 = prefix && shareOf(prefix, m.type, '1.6');
  // OCPPmulti resolves the core database against the share folder too; OCPP201 uses it as written
  const multi = m.type === 'OCPPmulti';
  for (const name of [...SHARE_RELATIVE, ...AS_WRITTEN, ...(multi ? SHARE_RELATIVE_16 : [])]) {
    const k = out.keys.find((x) => x.key === name);
    if (!k || typeof k.value !== 'string') continue;
    const written = k.value;
    let resolved: string | undefined;
    if (isAbsolute(written)) resolved = written;
    else if (SHARE_RELATIVE_16.includes(name)) resolved = share16 && join(share16, written);
    else if (SHARE_RELATIVE.includes(name) || (multi && name === 'CoreDatabasePath')) resolved = share && join(share, written);
    // AS_WRITTEN relative paths depend on the manager's working directory: left unresolved
    out.paths.push({ name, written, resolved, exists: resolved === undefined ? undefined : existsSync(resolved) });
  }
  if (share)
    out.paths.push({
      name: 'core migrations (share/core_migrations)',
      written: 'core_migrations',
      resolved: join(share, 'core_migrations'),
      exists: existsSync(join(share, 'core_migrations')),
    });
  const sinks = m.connections.get('evse_energy_sink') ?? [];
  const sinkFor = (evse: number) =>
    sinks.find((c) => {
      const t = config.modules.get(c.moduleId);
      return t !== undefined && mappedEvse(t, c.implementationId) === evse;
    })?.moduleId;
  out.stationEnergySink = sinkFor(0);
  const extensions = m.connections.get('extensions_15118') ?? [];
  const auth = config.modules.get(m.connections.get('auth')?.[0]?.moduleId ?? '');
  (m.connections.get('evse_manager') ?? []).forEach((c, i) => {
    const em = config.modules.get(c.moduleId);
    const row: ShownEvse = { evse: i + 1, evseManager: c.moduleId };
    if (em) {
      const id = shownKey(config, em, 'connector_id', undefined, false);
      row.connectorId = id.value;
      row.tokenProvider = (auth?.connections.get('token_provider') ?? []).find((p) => p.moduleId === em.id)?.moduleId;
    }
    row.energySink = sinkFor(i + 1);
    row.extension15118 = extensions.find((x) => {
      const t = config.modules.get(x.moduleId);
      return t !== undefined && mappedEvse(t, x.implementationId) === i + 1;
    })?.moduleId;
    out.evses.push(row);
  });
  return out;
}

function shownKey(config: EverestConfig, m: ModuleEntry, key: string, fallback: unknown, hasDefault: boolean): ShownKey {
  const pointer = joinPointer(m.pointer, 'config_module', key);
  const mask = (v: unknown) => (SECRET.test(key) && v !== '' ? '(set, not shown)' : v);
  if (key in m.config) {
    const fromOverlay = config.overlay !== undefined && config.overlay.data !== undefined && hasPointer(config.overlay, pointer);
    const { file, position } = locateIn(config, pointer, { key: true });
    return { key, value: mask(m.config[key]), source: fromOverlay ? 'user-config' : 'yaml', at: `${file}:${position.line}` };
  }
  return hasDefault ? { key, value: mask(fallback), source: 'manifest default' } : { key, source: 'unset' };
}

/** Stylish text for `ocppctl everest show`. */
export function formatShow(s: EverestShow): string {
  const lines: string[] = [];
  if (s.problems.length) {
    for (const p of s.problems) lines.push(`${p.file}:${p.line}:${p.column}  ${p.message}`);
    return lines.join('\n');
  }
  if (!s.module) return `${s.file}: no OCPP module (OCPPmulti, OCPP201, OCPP) in active_modules`;
  lines.push(`${s.module.id}: ${s.module.type} (${s.file}:${s.module.line})${s.overlay ? `, with ${s.overlay} merged over it` : ''}`);
  lines.push(`prefix: ${s.prefix ?? 'unknown (pass --everest-prefix DIR; paths relative to share/ stay unresolved)'}`, '', 'config');
  const w = Math.max(...s.keys.map((k) => k.key.length), 3);
  for (const k of s.keys)
    lines.push(`  ${k.key.padEnd(w)}  ${k.value === undefined ? '-' : JSON.stringify(k.value)}  (${k.source}${k.at ? ` ${k.at}` : ''})`);
  lines.push('', 'paths');
  const pw = Math.max(...s.paths.map((p) => p.name.length), 3);
  for (const p of s.paths)
    lines.push(
      `  ${p.name.padEnd(pw)}  ${p.resolved ?? `${p.written} (relative: needs the prefix)`}${p.exists === undefined ? '' : p.exists ? '  exists' : '  MISSING'}`,
    );
  lines.push('', `EVSEs (station energy sink, evse 0: ${s.stationEnergySink ?? 'none'})`);
  const rows = [
    ['evse', 'EvseManager', 'connector_id', 'energy sink', '15118 extension', 'token provider'],
    ...s.evses.map((e) => [
      String(e.evse),
      e.evseManager,
      e.connectorId === undefined
        ? '-'
        : typeof e.connectorId === 'object'
          ? JSON.stringify(e.connectorId)
          : String(e.connectorId as string | number | boolean),
      e.energySink ?? '-',
      e.extension15118 ?? '-',
      e.tokenProvider ?? '-',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    lines.push(
      '  ' +
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
    );
  return lines.join('\n');
}
