import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import { displayPath } from '../model/index.js';

// libocpp's load_ocpp16_custom_config_mappings_from_yaml (lib/ocpp/v2/ocpp16_custom_config_mappings.cpp): a YAML
// file `mappings: [{ocpp16_key, component: {name, instance?, evse?: {id, connectorId?}}, variable: {name, instance?}}]`,
// refused when an entry targets the connection configuration (is_connection_config_cv) or repeats a key.

export interface CustomMapping {
  key: string;
  component: { name: string; instance?: string; evseId?: number; connectorId?: number };
  variable: { name: string; instance?: string };
  /** file:line:column of the entry. */
  where: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OCPPmulti refuses a custom mapping to these: the connection is managed by the standardized 1.6 keys. */
export function isConnectionConfig(component: string, variable: string): boolean {
  if (component === 'NetworkConfiguration') return true;
  if (component === 'OCPPCommCtrlr') return variable === 'NetworkConfigurationPriority' || variable === 'ActiveNetworkProfile';
  if (component === 'SecurityCtrlr') return variable === 'Identity' || variable === 'BasicAuthPassword';
  return false;
}

export async function readCustomMappings(path: string, cwd: string): Promise<Map<string, CustomMapping>> {
  const abs = resolve(cwd, path);
  const file = displayPath(cwd, abs);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new OcppctlError(
      'INPUT',
      `${file}: cannot read the mapping file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const { parseDocument, LineCounter, isMap, isSeq } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return `${file}:${p.line}:${p.col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new OcppctlError(
      'INPUT',
      `${at(e.pos[0])}: the mapping file is not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}; nothing was changed`,
    );
  }
  const problems: string[] = [];
  const root = doc.contents;
  const entries = isMap(root) ? root.get('mappings', true) : undefined;
  if (!isMap(root) || !isSeq(entries)) {
    throw new OcppctlError('REFUSED', `${at(root?.range?.[0])}: the mapping file needs a top-level "mappings:" list; nothing was changed`);
  }
  for (const k of root.items) {
    const name = (k.key as { value?: unknown })?.value;
    if (name !== 'mappings')
      problems.push(`${at((k.key as { range?: number[] })?.range?.[0])}: unknown top-level key ${JSON.stringify(name)}`);
  }
  const out = new Map<string, CustomMapping>();
  entries.items.forEach((node, i) => {
    const where = at((node as { range?: number[] })?.range?.[0]);
    const e = (node as { toJSON?: () => unknown })?.toJSON?.() ?? node;
    const bad = (msg: string) => problems.push(`${where}: mapping ${i + 1}: ${msg}`);
    if (!isObject(e)) return bad('is not a mapping of ocpp16_key, component and variable');
    for (const k of Object.keys(e)) if (!['ocpp16_key', 'component', 'variable'].includes(k)) bad(`unknown key "${k}"`);
    const { ocpp16_key: key, component: c, variable: v } = e;
    if (typeof key !== 'string' || key === '') return bad('ocpp16_key must be a non-empty string');
    if (!isObject(c) || typeof c.name !== 'string' || c.name === '') return bad('component needs a name');
    if (!isObject(v) || typeof v.name !== 'string' || v.name === '') return bad('variable needs a name');
    for (const k of Object.keys(c)) if (!['name', 'instance', 'evse'].includes(k)) bad(`component: unknown key "${k}"`);
    for (const k of Object.keys(v)) if (!['name', 'instance'].includes(k)) bad(`variable: unknown key "${k}"`);
    if ('instance' in c && (typeof c.instance !== 'string' || c.instance === ''))
      return bad('component.instance must be a non-empty string');
    if ('instance' in v && (typeof v.instance !== 'string' || v.instance === ''))
      return bad('variable.instance must be a non-empty string');
    const evse = c.evse;
    if (
      evse !== undefined &&
      (!isObject(evse) || !Number.isInteger(evse.id) || ('connectorId' in evse && !Number.isInteger(evse.connectorId)))
    ) {
      return bad('component.evse needs an integer id (and optionally an integer connectorId)');
    }
    if (isConnectionConfig(c.name, v.name)) {
      return bad(
        `key '${key}' targets connection configuration ${c.name}/${v.name}; connection configuration is managed via the standardized OCPP 1.6 keys and must not be custom-mapped (OCPPmulti refuses this file)`,
      );
    }
    if (out.has(key)) return bad(`duplicate ocpp16_key ${key}`);
    out.set(key, {
      key,
      component: {
        name: c.name,
        ...(typeof c.instance === 'string' ? { instance: c.instance } : {}),
        ...(isObject(evse)
          ? { evseId: evse.id as number, ...(Number.isInteger(evse.connectorId) ? { connectorId: evse.connectorId as number } : {}) }
          : {}),
      },
      variable: { name: v.name, ...(typeof v.instance === 'string' ? { instance: v.instance } : {}) },
      where,
    });
  });
  if (problems.length)
    throw new OcppctlError(
      'REFUSED',
      `the mapping file is refused, as OCPPmulti refuses it; nothing was changed:\n  ${problems.join('\n  ')}`,
    );
  return out;
}
