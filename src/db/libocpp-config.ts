import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer, locateFast, loneSurrogate, nlohmannDouble, storedTextAt } from '../model/index.js';
import type { ConfigTree, SourceFile } from '../model/index.js';
import { ATTRIBUTE_TYPES, DATA_TYPES, MONITOR_CONFIG_TYPES, MONITOR_TYPES, MONITOR_TYPES_IN_DB, MUTABILITIES } from './schema.js';

// The component config as libocpp's initializer turns it into C++ values (ComponentKey, DeviceModelVariable):
// enums as their numeric ids, values as the text libocpp stores, limits rounded through a 32-bit float.

export interface DmKey {
  name: string;
  instance?: string;
  evseId?: number;
  connectorId?: number;
}

export interface DmCharacteristics {
  dataType: number;
  supportsMonitoring: boolean;
  unit?: string;
  valuesList?: string;
  minLimit?: number;
  maxLimit?: number;
}

export interface DmAttribute {
  type?: number;
  value?: string;
  mutability?: number;
  persistent?: boolean;
  constant?: boolean;
}

export interface DmMonitor {
  configType: number;
  type: number;
  severity: number;
  transaction: boolean;
  value: number;
  referenceValue?: string;
}

export interface DmVariable {
  name: string;
  instance?: string;
  source?: string;
  characteristics: DmCharacteristics;
  attributes: DmAttribute[];
  defaultValue?: string;
  monitors: DmMonitor[];
  /** Where the variable is written, for messages; undefined for the built-in component. */
  at?: { file: SourceFile; pointer: string };
}

export interface DmComponent {
  key: DmKey;
  variables: DmVariable[];
  /** The file it comes from; undefined for libocpp's built-in OCPP16LegacyCtrlr. */
  file?: SourceFile;
}

export interface LibocppConfig {
  /** Sorted as libocpp's std::map<ComponentKey, ...> iterates: name, evse, connector, instance. */
  components: DmComponent[];
  /** Refusals: libocpp's initializer throws for these (exit 1, nothing written). */
  errors: Diagnostic[];
  /** Files libocpp skips with only a warning. */
  warnings: Diagnostic[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonType = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

// std::string compares bytes; JavaScript compares UTF-16 units, which orders some non-ASCII text differently
const ASCII = /^[\x00-\x7f]*$/;
export function compareBytes(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const compareOptional = <T>(a: T | undefined, b: T | undefined, cmp: (x: T, y: T) => number) =>
  a === undefined ? (b === undefined ? 0 : -1) : b === undefined ? 1 : cmp(a, b);

/** libocpp's operator< on ComponentKey: std::tie(name, evse_id, connector_id, instance), absent first. */
export function compareKeys(a: DmKey, b: DmKey): number {
  const num = (x: number, y: number) => x - y;
  return (
    compareBytes(a.name, b.name) ||
    compareOptional(a.evseId, b.evseId, num) ||
    compareOptional(a.connectorId, b.connectorId, num) ||
    compareOptional(a.instance, b.instance, compareBytes)
  );
}

export const keyString = (k: DmKey) => `${k.name}\u0000${k.evseId ?? ''}\u0000${k.connectorId ?? ''}\u0000${k.instance ?? '\u0001'}`;

export function describeDmKey(k: DmKey): string {
  const parts: string[] = [];
  if (k.instance !== undefined) parts.push(`instance ${k.instance}`);
  if (k.evseId !== undefined) parts.push(`evse ${k.evseId}`);
  if (k.connectorId !== undefined) parts.push(`connector ${k.connectorId}`);
  return parts.length ? `${k.name} (${parts.join(', ')})` : k.name;
}

export const describeVariable = (v: { name: string; instance?: string }) =>
  v.instance !== undefined ? `${v.name} (instance ${v.instance})` : v.name;

// Only a whole number can print differently from its JavaScript value (60.0, 6e1 and 60 are all 60 here, but
// nlohmann prints "60.0", "60.0" and "60"), and only when such a token, or a huge integer, is in the text.
// Finding the token needs the file's syntax tree, slow to build; most files have no such number at all.
const AMBIGUOUS_NUMBER = /[:[,]\s*-?\d+(?:\.0+\s*[,\]}]|(?:\.\d+)?[eE])|\d{16}/;
const ambiguous = new WeakMap<SourceFile, boolean>();

function numberText(file: SourceFile | undefined, pointer: string, v: number): string {
  if (!Number.isInteger(v)) return nlohmannDouble(v);
  if (!file) return String(v);
  let maybe = ambiguous.get(file);
  if (maybe === undefined) ambiguous.set(file, (maybe = AMBIGUOUS_NUMBER.test(file.text)));
  return maybe ? storedTextAt(file, pointer, v) : String(v);
}

/** The text nlohmann::json's dump() gives, with numbers as written in the file (60.0 stays "60.0"). */
function dump(file: SourceFile | undefined, pointer: string, v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return numberText(file, pointer, v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map((x, i) => dump(file, joinPointer(pointer, i), x)).join(',')}]`;
  const o = v as Record<string, Json>;
  // nlohmann's object is a std::map: keys in byte order
  const keys = Object.keys(o).sort(compareBytes);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${dump(file, joinPointer(pointer, k), o[k])}`).join(',')}}`;
}

/** libocpp's get_string_value_from_json / VariableAttribute from_json: how a JSON value becomes stored text. */
export function valueText(file: SourceFile | undefined, pointer: string, v: Json): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return dump(file, pointer, v);
}

// libocpp's value checks at start-up (check_integrity_value_type); an empty value is never checked
const isInteger = (s: string) => /^[+-]?\d*$/.test(s);
const isDecimal = (s: string) => /^[+-]?\d*\.?\d*$/.test(s);
const isDateTime = (s: string) =>
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})?$/.test(s);
const isBoolean = (s: string) => /^(true|false)$/i.test(s);

export function valueIsOfType(value: string, dataType: number): boolean {
  if (value === '') return true;
  switch (DATA_TYPES[dataType]) {
    case 'decimal':
      return isInteger(value) || isDecimal(value);
    case 'integer':
      return isInteger(value);
    case 'dateTime':
      return isDateTime(value);
    case 'boolean':
      return isBoolean(value);
    default:
      return true;
  }
}

/** Reads one component_config tree as libocpp's get_all_component_configs + from_json + check_integrity do. */
export function readLibocppConfig(tree: ConfigTree): LibocppConfig {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  // custom/ replaces standardized/ for the same key (std::map::merge); within one folder the first file
  // read wins (std::map::insert), which for us is the first in name order
  const byFolder = { standardized: new Map<string, DmComponent>(), custom: new Map<string, DmComponent>() };
  for (const file of tree.files) {
    const component = readFile(file, errors, warnings);
    if (!component) continue;
    const map = byFolder[file.folder];
    const id = keyString(component.key);
    if (!map.has(id)) map.set(id, component);
  }
  const merged = new Map(byFolder.standardized);
  for (const [id, c] of byFolder.custom) merged.set(id, c);
  const components = [...merged.values()].sort((a, b) => compareKeys(a.key, b.key));
  for (const c of components) checkIntegrity(c, errors);
  return { components, errors, warnings };
}

class Reader {
  constructor(
    readonly file: SourceFile,
    readonly errors: Diagnostic[],
  ) {}

  fail(pointer: string, message: string, ruleId = 'component-schema', hint?: string): undefined {
    const pos = locateFast(this.file, pointer);
    this.errors.push({ ruleId, severity: 'error', message, file: this.file.file, pointer, ...pos, ...(hint ? { hint } : {}) });
    return undefined;
  }

  // nlohmann's get<std::string>: a JSON string only
  // undefined: a missing required key, already reported
  string(v: Json, pointer: string, what: string): string | undefined {
    if (typeof v === 'string' || v === undefined) return v;
    return this.fail(pointer, `${what} is a JSON ${jsonType(v)}; libocpp needs a string and refuses the config`);
  }

  // nlohmann's arithmetic get<>: numbers and booleans convert, anything else throws
  number(v: Json, pointer: string, what: string): number | undefined {
    if (typeof v === 'number' || v === undefined) return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return this.fail(pointer, `${what} is a JSON ${jsonType(v)}; libocpp needs a number and refuses the config`);
  }

  int(v: Json, pointer: string, what: string): number | undefined {
    const n = this.number(v, pointer, what);
    return n === undefined ? undefined : Math.trunc(n) | 0;
  }

  bool(v: Json, pointer: string, what: string): boolean | undefined {
    if (typeof v === 'boolean' || v === undefined) return v;
    return this.fail(pointer, `${what} is a JSON ${jsonType(v)}; libocpp needs true or false and refuses the config`);
  }

  enumValue(v: Json, pointer: string, what: string, names: readonly string[]): number | undefined {
    const s = this.string(v, pointer, what);
    if (s === undefined) return undefined;
    const i = names.indexOf(s);
    if (i >= 0) return i;
    return this.fail(pointer, `${what} "${s}" is not one of ${names.join(', ')} (case matters); libocpp refuses the config`);
  }

  // CiString<L> counts bytes and throws beyond L
  bounded(v: Json, pointer: string, what: string, max: number): string | undefined {
    const s = this.string(v, pointer, what);
    if (s === undefined) return undefined;
    const n = utf8Length(s);
    if (n > max) return this.fail(pointer, `${what} has ${n} bytes; libocpp allows at most ${max} and refuses the config`);
    return s;
  }

  required(o: Json, key: string, pointer: string, what: string): Json {
    if (!isObject(o)) return this.fail(pointer, `${what} is a JSON ${jsonType(o)}; libocpp needs an object and refuses the config`);
    if (!(key in o)) return this.fail(pointer, `${what} has no "${key}"; libocpp refuses the config`);
    return o[key];
  }
}

/** nlohmann's items(): object values in key order, array elements, nothing for null, the value itself otherwise. */
function items(v: Json, pointer: string): { value: Json; pointer: string }[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v.map((value: Json, i) => ({ value, pointer: joinPointer(pointer, i) }));
  if (isObject(v))
    return Object.keys(v)
      .sort(compareBytes)
      .map((k) => ({ value: v[k], pointer: joinPointer(pointer, k) }));
  return [{ value: v, pointer }];
}

function readFile(file: SourceFile, errors: Diagnostic[], warnings: Diagnostic[]): DmComponent | undefined {
  if (file.json === undefined) {
    // nlohmann::json::parse throws: libocpp does not start
    for (const p of file.problems.filter((p) => p.ruleId === 'json-syntax'))
      errors.push({
        ruleId: 'json-syntax',
        severity: 'error',
        message: p.message,
        file: file.file,
        pointer: p.pointer,
        ...p.position,
        ...(p.hint ? { hint: p.hint } : {}),
      });
    return undefined;
  }
  const r = new Reader(file, errors);
  const lone = loneSurrogate(file.text);
  if (lone !== undefined) {
    // JSON.parse takes a lone surrogate escape; nlohmann::json's parser throws, and libocpp does not start
    const before = file.text.slice(0, lone);
    const line = before.split('\n').length;
    const column = lone - before.lastIndexOf('\n');
    errors.push({
      ruleId: 'json-syntax',
      severity: 'error',
      message: `invalid JSON for libocpp: ${file.text.slice(lone, lone + 6)} is half of a UTF-16 surrogate pair`,
      file: file.file,
      pointer: '',
      line,
      column,
      hint: 'write the character itself, or both halves of the pair',
    });
    return undefined;
  }
  const data = file.json;
  if (!isObject(data) || !('properties' in data)) {
    const pos = locateFast(file, '');
    warnings.push({
      ruleId: 'component-schema',
      severity: 'warning',
      message: 'the file has no "properties" object; libocpp skips it with only a warning, so this component does not exist on the station',
      file: file.file,
      pointer: '',
      ...pos,
    });
    return undefined;
  }
  const before = errors.length;
  const name = r.string(r.required(data, 'name', '', 'the component'), '/name', 'the component name');
  const key: DmKey = { name: name ?? '' };
  if ('evse_id' in data) key.evseId = r.int(data.evse_id, '/evse_id', 'evse_id');
  if ('connector_id' in data) key.connectorId = r.int(data.connector_id, '/connector_id', 'connector_id');
  if ('instance' in data) {
    const instance = r.string(data.instance, '/instance', 'the component instance');
    // libocpp writes an empty instance as NULL but then never matches it again (it duplicates the component
    // on every boot); an empty instance is no instance
    if (instance) key.instance = instance;
  }
  const variables: DmVariable[] = [];
  for (const item of items(data.properties, '/properties')) {
    const v = readVariable(r, item.value, item.pointer);
    if (v) variables.push(v);
  }
  return errors.length > before ? undefined : { key, variables, file };
}

function readVariable(r: Reader, j: Json, pointer: string): DmVariable | undefined {
  const at = (k: string) => joinPointer(pointer, k);
  const name = r.string(r.required(j, 'variable_name', pointer, 'the variable'), at('variable_name'), 'variable_name');
  if (!isObject(j)) return undefined;
  const characteristics = readCharacteristics(r, r.required(j, 'characteristics', pointer, `variable ${name}`), at('characteristics'));
  const attributes: DmAttribute[] = [];
  if (!('attributes' in j))
    r.fail(
      pointer,
      `variable ${name} has no "attributes"; libocpp refuses the config`,
      'component-schema',
      'add "attributes": [{ "type": "Actual", "mutability": "ReadWrite" }]',
    );
  else for (const item of items(j.attributes, at('attributes'))) attributes.push(readAttribute(r, item.value, item.pointer));
  const variable: DmVariable = {
    name: name ?? '',
    characteristics: characteristics ?? { dataType: 0, supportsMonitoring: false },
    attributes,
    monitors: [],
    at: { file: r.file, pointer },
  };
  if ('instance' in j) {
    const instance = r.string(j.instance, at('instance'), 'the variable instance');
    if (instance) variable.instance = instance;
  }
  if ('default' in j) variable.defaultValue = valueText(r.file, at('default'), j.default);
  if ('source' in j) variable.source = r.string(j.source, at('source'), 'source');
  if ('monitors' in j && characteristics) {
    if (!characteristics.supportsMonitoring) {
      // libocpp throws here and drops the whole component file with a warning; we refuse instead, so the
      // component cannot silently vanish from the station
      r.fail(
        at('monitors'),
        `variable ${name} has "monitors" but characteristics.supportsMonitoring is false; libocpp drops the whole component`,
        'monitors',
        'remove "monitors" or set supportsMonitoring to true',
      );
    } else
      for (const item of items(j.monitors, at('monitors'))) {
        const m = readMonitor(r, item.value, item.pointer, name ?? '');
        if (m) variable.monitors.push(m);
      }
  }
  return variable;
}

function readCharacteristics(r: Reader, j: Json, pointer: string): DmCharacteristics | undefined {
  if (j === undefined) return undefined;
  const at = (k: string) => joinPointer(pointer, k);
  const dataType = r.enumValue(r.required(j, 'dataType', pointer, 'characteristics'), at('dataType'), 'dataType', DATA_TYPES);
  const supportsMonitoring = r.bool(
    r.required(j, 'supportsMonitoring', pointer, 'characteristics'),
    at('supportsMonitoring'),
    'supportsMonitoring',
  );
  if (!isObject(j)) return undefined;
  const c: DmCharacteristics = { dataType: dataType ?? 0, supportsMonitoring: supportsMonitoring ?? false };
  if ('unit' in j) c.unit = r.bounded(j.unit, at('unit'), 'the unit', 16);
  if ('valuesList' in j) c.valuesList = r.bounded(j.valuesList, at('valuesList'), 'valuesList', 1000);
  // VariableCharacteristics holds limits as float: libocpp stores them rounded to 32 bits
  if ('minLimit' in j) {
    const n = r.number(j.minLimit, at('minLimit'), 'minLimit');
    if (n !== undefined) c.minLimit = Math.fround(n);
  }
  if ('maxLimit' in j) {
    const n = r.number(j.maxLimit, at('maxLimit'), 'maxLimit');
    if (n !== undefined) c.maxLimit = Math.fround(n);
  }
  if ('maxElements' in j) r.int(j.maxElements, at('maxElements'), 'maxElements');
  if ('customData' in j) readCustomData(r, j.customData, at('customData'));
  return c;
}

// CustomData from_json needs a vendorId string of at most 255 bytes
function readCustomData(r: Reader, j: Json, pointer: string) {
  r.bounded(r.required(j, 'vendorId', pointer, 'customData'), joinPointer(pointer, 'vendorId'), 'customData.vendorId', 255);
}

function readAttribute(r: Reader, j: Json, pointer: string): DmAttribute {
  const a: DmAttribute = {};
  // from_json on a non-object finds no keys: libocpp stores an attribute without type, mutability or value
  if (!isObject(j)) return a;
  const at = (k: string) => joinPointer(pointer, k);
  if ('type' in j) a.type = r.enumValue(j.type, at('type'), 'the attribute type', ATTRIBUTE_TYPES);
  if ('value' in j) {
    const text = valueText(r.file, at('value'), j.value);
    const n = utf8Length(text);
    if (n > 2500) r.fail(at('value'), `the attribute value has ${n} bytes; libocpp allows at most 2500 and refuses the config`);
    else a.value = text;
  }
  if ('mutability' in j) a.mutability = r.enumValue(j.mutability, at('mutability'), 'mutability', MUTABILITIES);
  if ('persistent' in j) a.persistent = r.bool(j.persistent, at('persistent'), 'persistent');
  if ('constant' in j) a.constant = r.bool(j.constant, at('constant'), 'constant');
  if ('customData' in j) readCustomData(r, j.customData, at('customData'));
  return a;
}

function readMonitor(r: Reader, j: Json, pointer: string, variable: string): DmMonitor | undefined {
  const at = (k: string) => joinPointer(pointer, k);
  const configType = r.enumValue(
    r.required(j, 'config_type', pointer, 'the monitor'),
    at('config_type'),
    'config_type',
    MONITOR_CONFIG_TYPES,
  );
  const severity = r.int(r.required(j, 'severity', pointer, 'the monitor'), at('severity'), 'severity');
  const type = r.enumValue(r.required(j, 'type', pointer, 'the monitor'), at('type'), 'the monitor type', MONITOR_TYPES);
  const value = r.number(r.required(j, 'value', pointer, 'the monitor'), at('value'), 'the monitor value');
  if (!isObject(j) || configType === undefined || severity === undefined || type === undefined || value === undefined) return undefined;
  const m: DmMonitor = { configType, severity, type, value: Math.fround(value), transaction: false };
  if ('transaction' in j) m.transaction = r.bool(j.transaction, at('transaction'), 'transaction') ?? false;
  if ('reference_value' in j) m.referenceValue = r.string(j.reference_value, at('reference_value'), 'reference_value');
  if (MONITOR_TYPES[type] === 'Delta' && m.referenceValue === undefined)
    r.fail(
      pointer,
      `Delta monitor of ${variable} has no reference_value; libocpp refuses to build the database`,
      'monitors',
      'add "reference_value"',
    );
  if (type >= MONITOR_TYPES_IN_DB)
    r.fail(
      at('type'),
      `monitor type ${MONITOR_TYPES[type]} of ${variable} has no row in libocpp's MONITOR table; the insert fails and libocpp refuses to build the database`,
      'monitors',
    );
  return m;
}

/** libocpp's check_integrity: every Actual/default value must parse as the variable's dataType. */
function checkIntegrity(component: DmComponent, errors: Diagnostic[]) {
  const file = component.file;
  if (!file) return;
  for (const v of component.variables) {
    if (!v.at) continue;
    const type = DATA_TYPES[v.characteristics.dataType];
    const check = (value: string | undefined, pointer: string, label: string) => {
      if (value === undefined || valueIsOfType(value, v.characteristics.dataType)) return;
      const pos = locateFast(file, pointer);
      errors.push({
        ruleId: 'value-type',
        severity: 'error',
        message: `${label} of ${describeDmKey(component.key)}.${describeVariable(v)} is not a libocpp ${type}; libocpp refuses the config`,
        file: file.file,
        pointer,
        ...pos,
        hint: `write ${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type} value`,
      });
    };
    check(v.defaultValue, joinPointer(v.at.pointer, 'default'), 'the default');
    v.attributes.forEach((a, i) => {
      const pointer = attributePointer(v, i);
      check(a.value, joinPointer(pointer, 'value'), `the ${a.type !== undefined ? ATTRIBUTE_TYPES[a.type] : 'untyped'} value`);
    });
  }
}

function attributePointer(v: DmVariable, index: number): string {
  const data = pointerValue(v.at!.file.json, v.at!.pointer);
  const attrs = isObject(data) ? data.attributes : undefined;
  if (isObject(attrs)) return joinPointer(v.at!.pointer, 'attributes', Object.keys(attrs).sort(compareBytes)[index] ?? index);
  return joinPointer(v.at!.pointer, 'attributes', index);
}

function pointerValue(root: Json, pointer: string): Json {
  let node = root;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}
