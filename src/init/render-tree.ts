// Builds a new component_config tree from templates/init/: controllers (all for --full, the manifest's
// minimal list for --minimal), one EVSE per --evses, its connectors, and the NetworkConfiguration slots.
import { readdirSync, readFileSync } from 'node:fs';
import { loadCatalog, otherRelease } from '../catalog/catalog.js';
import type { Release } from '../catalog/catalog-data.js';
import { storedText } from '../model/index.js';

// compiled to dist/src/init/, so the project root is three levels up
const TEMPLATES = new URL('../../../templates/init/', import.meta.url);

export interface InitOptions {
  ocpp: Release;
  evses: number;
  connectorsPerEvse: number;
  current: 'AC' | 'DC';
  slots: number;
  set: 'minimal' | 'full';
  csmsUrl: string;
  securityProfile: 1 | 2 | 3;
  identity: string;
  /** Written as SecurityCtrlr.BasicAuthPassword, which every slot falls back to. */
  password?: string;
}

export interface InitFile {
  /** Relative to the component_config root, forward slashes. */
  path: string;
  text: string;
}

interface VariableEntry {
  variable_name: string;
  instance?: string;
  characteristics: Record<string, unknown>;
  attributes: Record<string, unknown>[];
  default?: unknown;
}

interface ComponentDoc {
  name: string;
  instance?: string;
  evse_id?: number;
  connector_id?: number;
  properties: Record<string, VariableEntry>;
  required?: string[];
}

const readTemplate = (rel: string): ComponentDoc => JSON.parse(readFileSync(new URL(rel, TEMPLATES), 'utf8')) as ComponentDoc;

function variable(doc: ComponentDoc, name: string, instance?: string): VariableEntry {
  const v = Object.values(doc.properties).find((p) => p.variable_name === name && p.instance === instance);
  if (!v) throw new Error(`template ${doc.name} has no variable ${name}`);
  return v;
}

/** Sets the Actual value (and the default, where the template has one, so both agree). */
function setValue(doc: ComponentDoc, name: string, value: unknown, instance?: string) {
  const v = variable(doc, name, instance);
  const actual = v.attributes.find((a) => (a.type ?? 'Actual') === 'Actual');
  if (!actual) throw new Error(`template ${doc.name}.${name} has no Actual attribute`);
  actual.value = value;
  if ('default' in v) v.default = value;
}

// A variable the chosen release does not define but the other does (DisplayMessageCtrlr.Language is 2.1 only,
// PersonalMessageSize 2.0.1 only) is left out, so the tree is clean under --target spec-<release>.
function keepForRelease(doc: ComponentDoc, release: Release): ComponentDoc {
  const catalog = loadCatalog(release);
  const other = loadCatalog(otherRelease(release));
  if (!catalog.isComponent(doc.name)) return doc;
  for (const [key, v] of Object.entries(doc.properties))
    if (!catalog.facts(doc.name, v.variable_name) && other.facts(doc.name, v.variable_name)) delete doc.properties[key];
  if (doc.required) doc.required = doc.required.filter((k) => k in doc.properties);
  return doc;
}

// Values are written as the text libocpp stores ("true", "3"), the style `validate` recommends (value-style)
function text(doc: ComponentDoc): string {
  for (const v of Object.values(doc.properties)) {
    for (const a of v.attributes) if ('value' in a) a.value = storedText(a.value);
    if ('default' in v) v.default = storedText(v.default);
  }
  return JSON.stringify(doc, null, 2) + '\n';
}

export function listControllers(set: InitOptions['set']): string[] {
  if (set === 'minimal') return (JSON.parse(readFileSync(new URL('manifest.json', TEMPLATES), 'utf8')) as { minimal: string[] }).minimal;
  return readdirSync(new URL('controllers/', TEMPLATES))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function renderTree(opts: InitOptions): InitFile[] {
  const files: InitFile[] = [];
  const slots = Array.from({ length: opts.slots }, (_, i) => String(i + 1));
  for (const name of listControllers(opts.set)) {
    const doc = keepForRelease(readTemplate(`controllers/${name}.json`), opts.ocpp);
    switch (name) {
      case 'InternalCtrlr':
        // libocpp offers these as WebSocket subprotocols; only the chosen release
        setValue(doc, 'SupportedOcppVersions', opts.ocpp === '2.1' ? 'ocpp2.1' : 'ocpp2.0.1');
        break;
      case 'OCPP16LegacyCtrlr':
        setValue(doc, 'NumberOfConnectors', opts.evses * opts.connectorsPerEvse);
        break;
      case 'OCPPCommCtrlr': {
        setValue(doc, 'NetworkConfigurationPriority', slots.join(','));
        variable(doc, 'NetworkConfigurationPriority').characteristics.valuesList = slots.join(',');
        break;
      }
      case 'ISO15118Ctrlr':
        // A new station has no SECC certificate: Plug&Charge stays off until it is set up (validate's pnc-* rules, ocppctl pnc)
        setValue(doc, 'PnCEnabled', false);
        break;
      case 'SecurityCtrlr':
        setValue(doc, 'Identity', opts.identity);
        setValue(doc, 'SecurityProfile', opts.securityProfile);
        if (opts.password !== undefined) setValue(doc, 'BasicAuthPassword', opts.password);
        break;
    }
    files.push({ path: `standardized/${name}.json`, text: text(doc) });
  }
  for (const n of slots) {
    const doc = keepForRelease(readTemplate('topology/NetworkConfiguration.json'), opts.ocpp);
    doc.instance = n;
    setValue(doc, 'OcppCsmsUrl', opts.csmsUrl);
    setValue(doc, 'SecurityProfile', opts.securityProfile);
    setValue(doc, 'OcppInterface', n === '1' ? 'Wired0' : 'Wireless0');
    setValue(doc, 'OcppTransport', 'JSON');
    setValue(doc, 'MessageTimeout', 30);
    setValue(doc, 'Identity', opts.identity);
    setValue(doc, 'OcppVersion', opts.ocpp === '2.1' ? 'OCPP21' : 'OCPP201');
    files.push({ path: `standardized/NetworkConfiguration_${n}.json`, text: text(doc) });
  }
  const ac = opts.current === 'AC';
  for (let e = 1; e <= opts.evses; e++) {
    const evse = keepForRelease(readTemplate('topology/EVSE.json'), opts.ocpp);
    evse.evse_id = e;
    // 3-phase 32 A for AC; a typical DC EVSE for DC
    variable(evse, 'Power').characteristics.maxLimit = ac ? 22000 : 150000;
    setValue(evse, 'SupplyPhases', ac ? 3 : 0);
    files.push({ path: `custom/EVSE_${e}.json`, text: text(evse) });
    for (let c = 1; c <= opts.connectorsPerEvse; c++) {
      const connector = keepForRelease(readTemplate('topology/Connector.json'), opts.ocpp);
      connector.evse_id = e;
      connector.connector_id = c;
      setValue(connector, 'ConnectorType', ac ? 'sType2' : 'cCCS2');
      setValue(connector, 'SupplyPhases', ac ? 3 : 0);
      files.push({ path: `custom/Connector_${e}_${c}.json`, text: text(connector) });
    }
  }
  return files;
}
