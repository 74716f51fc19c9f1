import type { SourceFile, Folder } from './source-file.js';
import { joinPointer } from './source-file.js';

export interface ComponentKey {
  name: string;
  instance?: string;
  evseId?: number;
  connectorId?: number;
}

export interface Variable {
  component: Component;
  /** Key of the entry in the file's `properties` object. */
  key: string;
  /** Pointer of the variable object, e.g. `/properties/HeartbeatInterval`. */
  pointer: string;
  name: string;
  instance?: string;
  data: Record<string, unknown>;
}

export interface Component {
  key: ComponentKey;
  source: SourceFile;
  data: Record<string, unknown>;
  variables: Variable[];
  /** Set on a standardized component that a custom file with the same key replaces. */
  overriddenBy?: Component;
}

export interface IgnoredEntry {
  file: string;
  reason: string;
}

export interface ConfigTree {
  /** Absolute path of the component_config folder. */
  root: string;
  /** Display path of the root. */
  displayRoot: string;
  /** Every component file read (`*.json` directly inside standardized/ and custom/). */
  files: SourceFile[];
  ignored: IgnoredEntry[];
  /** Every component that parsed with a usable shape, overridden ones included. */
  components: Component[];
  /** What libocpp ends up with: custom/ replaces standardized/ for the same key. */
  effective: Component[];
}

export const keyId = (k: ComponentKey) => `${k.name}\u0000${k.evseId ?? ''}\u0000${k.connectorId ?? ''}\u0000${k.instance ?? ''}`;

export function describeKey(k: ComponentKey): string {
  const parts: string[] = [];
  if (k.instance !== undefined) parts.push(`instance ${k.instance}`);
  if (k.evseId !== undefined) parts.push(`evse ${k.evseId}`);
  if (k.connectorId !== undefined) parts.push(`connector ${k.connectorId}`);
  return parts.length ? `${k.name} (${parts.join(', ')})` : k.name;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Builds the component view of a parsed file; undefined when the file has no usable name. */
export function toComponent(source: SourceFile): Component | undefined {
  const data = source.json;
  if (!isObject(data) || typeof data.name !== 'string') return undefined;
  const key: ComponentKey = { name: data.name };
  if (typeof data.instance === 'string') key.instance = data.instance;
  if (typeof data.evse_id === 'number') key.evseId = data.evse_id;
  if (typeof data.connector_id === 'number') key.connectorId = data.connector_id;
  const component: Component = { key, source, data, variables: [] };
  if (isObject(data.properties)) {
    for (const [k, v] of Object.entries(data.properties)) {
      if (!isObject(v) || typeof v.variable_name !== 'string') continue;
      component.variables.push({
        component,
        key: k,
        pointer: joinPointer('/properties', k),
        name: v.variable_name,
        instance: typeof v.instance === 'string' ? v.instance : undefined,
        data: v,
      });
    }
  }
  return component;
}

export interface FindOptions {
  instance?: string;
  evseId?: number;
  connectorId?: number;
}

/** The effective component with this name and exactly these key parts (absent parts must be absent). */
export function findComponent(tree: ConfigTree, name: string, opts: FindOptions = {}): Component | undefined {
  return tree.effective.find(
    (c) =>
      c.key.name === name && c.key.instance === opts.instance && c.key.evseId === opts.evseId && c.key.connectorId === opts.connectorId,
  );
}

export const componentsNamed = (tree: ConfigTree, name: string) => tree.effective.filter((c) => c.key.name === name);

export function findVariable(component: Component | undefined, name: string, instance?: string): Variable | undefined {
  return component?.variables.find((v) => v.name === name && v.instance === instance);
}

export const isFolder = (s: string): s is Folder => s === 'standardized' || s === 'custom';
