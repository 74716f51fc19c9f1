import { attributes, componentsNamed, findComponent, findVariable, joinPointer, storedText } from '../index.js';
import type { Component, ConfigTree, SourceFile, Variable } from '../index.js';
import { stoi } from './stoi.js';

/** Slot variables whose values are secrets: readers learn whether they are set and how long, never the text. */
export const SECRET_SLOT_VARIABLES: ReadonlySet<string> = new Set(['BasicAuthPassword', 'ApnPassword', 'VpnPassword', 'VpnKey', 'SimPin']);

/** The five variables libocpp's read_profile_from_device_model needs before a slot can be dialled. */
export const CORE_SLOT_VARIABLES = ['OcppCsmsUrl', 'SecurityProfile', 'OcppInterface', 'OcppTransport', 'MessageTimeout'] as const;

// Enum names as libocpp's generated string_to_*_enum conversions accept them (exact, case-sensitive).
export const OCPP_INTERFACES = ['Wired0', 'Wired1', 'Wired2', 'Wired3', 'Wireless0', 'Wireless1', 'Wireless2', 'Wireless3', 'Any'] as const;
export const OCPP_TRANSPORTS = ['JSON', 'SOAP'] as const;
const OCPP_VERSIONS = ['OCPP12', 'OCPP15', 'OCPP16', 'OCPP20', 'OCPP201', 'OCPP21'];
const APN_AUTHENTICATIONS = ['CHAP', 'NONE', 'PAP', 'AUTO'];
const VPN_TYPES = ['IKEv2', 'IPSec', 'L2TP', 'PPTP'];

/** The Actual value of one variable as libocpp's database would hold it after initialisation. */
export interface StoredValue {
  /** Undefined when the component has no such variable. */
  variable?: Variable;
  file: SourceFile;
  /** The attribute `value` or the variable `default` that supplies the value; else the variable or component. */
  pointer: string;
  /** libocpp has a value (the empty string counts); false for a missing variable, attribute or value. */
  present: boolean;
  /** The stored text; never filled for secret variables. */
  value?: string;
  /** Length in characters; filled for secret variables (and only then). */
  length?: number;
  fromDefault: boolean;
}

export interface PriorityToken {
  /** The token exactly as libocpp's split_string returns it (no trimming). */
  text: string;
  /** The slot number std::stoi reads from it; undefined where libocpp skips the token. */
  slot?: number;
  /** True when the token is a plain integer, so nothing in it is ignored by stoi's leniency. */
  plain: boolean;
}

export interface PriorityRecord {
  component?: Component;
  variable?: Variable;
  /** Where the value sits (attribute value or default); the variable or '' when there is none. */
  file?: SourceFile;
  pointer: string;
  present: boolean;
  /** Stored text, e.g. "1" for the JSON number 1. */
  value?: string;
  /** The JSON value as written. */
  raw: unknown;
  fromDefault: boolean;
  tokens: PriorityToken[];
  /** The slots libocpp's connection manager walks, in order (duplicates kept, unreadable tokens skipped). */
  slots: number[];
  valuesList?: string;
  valuesListPointer?: string;
  /** valuesList split the same way (a SequenceList write must use only these tokens). */
  valuesListTokens: string[];
}

export type SlotProblemKind = 'not-addressable' | 'missing' | 'invalid';

export interface SlotProblem {
  kind: SlotProblemKind;
  /** The variable that makes the slot unusable, when there is one. */
  variable?: string;
  message: string;
  file: SourceFile;
  pointer: string;
}

export interface SlotRecord {
  /** The slot number libocpp addresses this component by; undefined when no number reaches it. */
  slot?: number;
  component: Component;
  file: SourceFile;
  /** Every variable of the component plus the five core ones (missing ones with present: false). */
  values: Record<string, StoredValue>;
  /** What read_profile_from_device_model would return: usable means a profile, not a working connection. */
  usable: boolean;
  /** Why the slot is unusable: the first failing check, in libocpp's order. */
  problem?: SlotProblem;
  url?: string;
  securityProfile?: number;
  ocppInterface?: string;
  ocppTransport?: string;
  messageTimeout?: number;
  /** The identity the station sends: a non-empty slot Identity, else SecurityCtrlr.Identity (resolve_identity). */
  identity: { value?: string; source: 'slot' | 'SecurityCtrlr' | 'none'; file?: SourceFile; pointer?: string };
  /** A non-empty slot BasicAuthPassword, else SecurityCtrlr.BasicAuthPassword (resolve_basic_auth_password). */
  password: { set: boolean; source: 'slot' | 'SecurityCtrlr' | 'none'; length?: number; file?: SourceFile; pointer?: string };
  /** 0-based position of the slot's first mention in the priority list; undefined when not listed. */
  priorityIndex?: number;
}

/**
 * The Actual value libocpp's initializer stores: the Actual attribute's `value`, else the variable's `default`
 * (which only ever fills an Actual attribute). No Actual attribute means no value at all.
 */
export function storedValue(component: Component, name: string, instance?: string): StoredValue {
  const variable = findVariable(component, name, instance);
  const file = component.source;
  if (!variable) return { file, pointer: '', present: false, fromDefault: false };
  const attr = attributes(variable).find((a) => (a.data.type ?? 'Actual') === 'Actual');
  let out: StoredValue;
  if (attr && 'value' in attr.data && attr.data.value !== null) {
    out = {
      variable,
      file,
      pointer: joinPointer(attr.pointer, 'value'),
      present: true,
      value: storedText(attr.data.value),
      fromDefault: false,
    };
  } else if (attr && 'default' in variable.data && variable.data.default !== null) {
    out = {
      variable,
      file,
      pointer: joinPointer(variable.pointer, 'default'),
      present: true,
      value: storedText(variable.data.default),
      fromDefault: true,
    };
  } else {
    out = { variable, file, pointer: attr ? attr.pointer : variable.pointer, present: false, fromDefault: false };
  }
  if (SECRET_SLOT_VARIABLES.has(name) && out.value !== undefined) {
    out.length = [...out.value].length;
    delete out.value;
  }
  return out;
}

/** libocpp's split_string(text, ','): std::getline pieces, untrimmed; a trailing comma adds no empty piece. */
export function splitList(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(',');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function readPriority(tree: ConfigTree): PriorityRecord {
  const component = findComponent(tree, 'OCPPCommCtrlr');
  const variable = findVariable(component, 'NetworkConfigurationPriority');
  const rec: PriorityRecord = {
    component,
    present: false,
    pointer: '',
    raw: undefined,
    fromDefault: false,
    tokens: [],
    slots: [],
    valuesListTokens: [],
  };
  if (!component) return rec;
  rec.file = component.source;
  if (!variable) return rec;
  const stored = storedValue(component, 'NetworkConfigurationPriority');
  rec.variable = variable;
  rec.pointer = stored.pointer;
  rec.present = stored.present;
  rec.value = stored.value;
  rec.fromDefault = stored.fromDefault;
  rec.raw = stored.fromDefault ? variable.data.default : stored.present ? valueAt(variable) : undefined;
  for (const text of splitList(stored.value ?? '')) {
    const slot = stoi(text);
    rec.tokens.push({ text, slot, plain: /^-?(0|[1-9]\d*)$/.test(text) && slot !== undefined });
    if (slot !== undefined) rec.slots.push(slot);
  }
  const ch = variable.data.characteristics;
  if (ch && typeof ch === 'object' && typeof (ch as Record<string, unknown>).valuesList === 'string') {
    rec.valuesList = (ch as Record<string, string>).valuesList;
    rec.valuesListPointer = joinPointer(variable.pointer, 'characteristics', 'valuesList');
    rec.valuesListTokens = splitList(rec.valuesList);
  }
  return rec;
}

function valueAt(variable: Variable): unknown {
  const attr = attributes(variable).find((a) => (a.data.type ?? 'Actual') === 'Actual');
  return attr?.data.value;
}

/** The slot number libocpp uses to reach a component: it builds the instance with std::to_string(slot). */
export function slotNumberOf(component: Component): number | undefined {
  const { instance, evseId, connectorId } = component.key;
  if (instance === undefined || evseId !== undefined || connectorId !== undefined) return undefined;
  if (!/^-?(0|[1-9]\d*)$/.test(instance) || instance === '-0') return undefined;
  const n = stoi(instance);
  return n === undefined || String(n) !== instance ? undefined : n;
}

/** One record per NetworkConfiguration component, in slot order (unaddressable ones last). */
export function readSlots(tree: ConfigTree, priority: PriorityRecord = readPriority(tree)): SlotRecord[] {
  const security = findComponent(tree, 'SecurityCtrlr');
  const out = componentsNamed(tree, 'NetworkConfiguration').map((c) => readSlot(c, security, priority));
  return out.sort((a, b) => (a.slot ?? Infinity) - (b.slot ?? Infinity) || (a.file.file < b.file.file ? -1 : 1));
}

/** What libocpp reads from one NetworkConfiguration component. */
export function readSlot(component: Component, security: Component | undefined, priority: PriorityRecord): SlotRecord {
  const slot = slotNumberOf(component);
  const values: Record<string, StoredValue> = {};
  for (const name of CORE_SLOT_VARIABLES) values[name] = storedValue(component, name);
  for (const v of component.variables) if (v.instance === undefined && !values[v.name]) values[v.name] = storedValue(component, v.name);
  const rec: SlotRecord = {
    slot,
    component,
    file: component.source,
    values,
    usable: false,
    identity: { source: 'none' },
    password: { set: false, source: 'none' },
  };
  const index = slot === undefined ? -1 : priority.slots.indexOf(slot);
  if (index >= 0) rec.priorityIndex = index;
  resolveCredentials(rec, security);
  rec.problem =
    slot === undefined
      ? {
          kind: 'not-addressable',
          message: `libocpp reaches slot N through instance "N" and no evse or connector; ${describeInstance(component)} is never read`,
          file: component.source,
          pointer: '',
        }
      : checkProfile(rec);
  rec.usable = rec.problem === undefined;
  return rec;
}

function describeInstance(c: Component): string {
  if (c.key.evseId !== undefined || c.key.connectorId !== undefined) return 'a slot with evse_id or connector_id';
  return c.key.instance === undefined ? 'a slot without instance' : `instance "${c.key.instance}"`;
}

function resolveCredentials(rec: SlotRecord, security: Component | undefined) {
  const identity = rec.values.Identity;
  if (identity?.present && identity.value !== '') {
    rec.identity = { value: identity.value, source: 'slot', file: identity.file, pointer: identity.pointer };
  } else if (security) {
    const s = storedValue(security, 'Identity');
    if (s.present) rec.identity = { value: s.value, source: 'SecurityCtrlr', file: s.file, pointer: s.pointer };
  }
  const password = rec.values.BasicAuthPassword;
  if (password?.present && password.length) {
    rec.password = { set: true, source: 'slot', length: password.length, file: password.file, pointer: password.pointer };
  } else if (security) {
    const s = storedValue(security, 'BasicAuthPassword');
    if (s.present)
      rec.password = { set: (s.length ?? 0) > 0, source: 'SecurityCtrlr', length: s.length ?? 0, file: s.file, pointer: s.pointer };
  }
}

/** A CiString<L>: at most L bytes of printable ASCII (newline allowed); anything else throws in libocpp. */
function ciStringProblem(text: string, max: number): string | undefined {
  if (/[^\x20-\x7e\n]/.test(text)) return 'holds characters other than printable ASCII';
  if (text.length > max) return `has ${text.length} characters, more than the ${max} libocpp can hold`;
  return undefined;
}

/**
 * Mirrors read_profile_from_device_model (libocpp ctrlr_component_variables.cpp): the checks run in its
 * order and the first failure is the reason. A thrown conversion there is caught and also yields no profile.
 */
function checkProfile(rec: SlotRecord): SlotProblem | undefined {
  const v = (name: string) => rec.values[name] ?? storedValue(rec.component, name);
  const missing = (name: string, why: string): SlotProblem => {
    const s = v(name);
    return { kind: 'missing', variable: name, message: `${name} ${why}`, file: s.file, pointer: s.pointer };
  };
  const invalid = (name: string, why: string): SlotProblem => {
    const s = v(name);
    return { kind: 'invalid', variable: name, message: `${name} ${why}`, file: s.file, pointer: s.pointer };
  };
  const absent = (name: string) => (v(name).variable ? 'has no value' : 'is missing');

  const url = v('OcppCsmsUrl');
  if (!url.present || url.value === '') return missing('OcppCsmsUrl', url.present ? 'is empty' : absent('OcppCsmsUrl'));
  const urlProblem = ciStringProblem(url.value!, 2000);
  if (urlProblem) return invalid('OcppCsmsUrl', urlProblem);
  rec.url = url.value;

  const sp = v('SecurityProfile');
  if (!sp.present) return missing('SecurityProfile', absent('SecurityProfile'));
  const spNumber = stoi(sp.value!);
  if (spNumber === undefined) return invalid('SecurityProfile', `"${sp.value}" is not an integer`);
  rec.securityProfile = spNumber;

  const iface = v('OcppInterface');
  if (!iface.present) return missing('OcppInterface', absent('OcppInterface'));
  if (!(OCPP_INTERFACES as readonly string[]).includes(iface.value!))
    return invalid('OcppInterface', `"${iface.value}" is not one of ${OCPP_INTERFACES.join(', ')}`);
  rec.ocppInterface = iface.value;

  const transport = v('OcppTransport');
  if (!transport.present) return missing('OcppTransport', absent('OcppTransport'));
  if (!(OCPP_TRANSPORTS as readonly string[]).includes(transport.value!))
    return invalid('OcppTransport', `"${transport.value}" is not one of ${OCPP_TRANSPORTS.join(', ')}`);
  rec.ocppTransport = transport.value;

  const timeout = v('MessageTimeout');
  if (!timeout.present) return missing('MessageTimeout', absent('MessageTimeout'));
  const timeoutNumber = stoi(timeout.value!);
  if (timeoutNumber === undefined) return invalid('MessageTimeout', `"${timeout.value}" is not an integer`);
  rec.messageTimeout = timeoutNumber;

  const identity = v('Identity');
  if (identity.present && identity.value !== '') {
    const p = ciStringProblem(identity.value!, 48);
    if (p) return invalid('Identity', p);
  }
  const password = rec.values.BasicAuthPassword;
  if (password?.present && password.length) {
    const p = secretProblem(rec.component, 'BasicAuthPassword', 64);
    if (p) return invalid('BasicAuthPassword', p);
  }

  if (isTrue(v('ApnEnabled'))) {
    if (!v('Apn').present) return missing('Apn', 'has no value, but ApnEnabled is true');
    const apnProblem = ciStringProblem(v('Apn').value!, 2000);
    if (apnProblem) return invalid('Apn', apnProblem);
    const auth = v('ApnAuthentication');
    if (auth.present && !APN_AUTHENTICATIONS.includes(auth.value!))
      return invalid('ApnAuthentication', `"${auth.value}" is not one of ${APN_AUTHENTICATIONS.join(', ')}`);
    const user = v('ApnUserName');
    if (user.present && ciStringProblem(user.value!, 50)) return invalid('ApnUserName', ciStringProblem(user.value!, 50)!);
    const apnPassword = secretProblem(rec.component, 'ApnPassword', 64);
    if (apnPassword) return invalid('ApnPassword', apnPassword);
    const preferred = v('PreferredNetwork');
    if (preferred.present && ciStringProblem(preferred.value!, 6))
      return invalid('PreferredNetwork', ciStringProblem(preferred.value!, 6)!);
  }

  if (isTrue(v('VpnEnabled'))) {
    for (const name of ['VpnServer', 'VpnUser', 'VpnPassword', 'VpnKey', 'VpnType']) {
      if (!v(name).present) return missing(name, 'has no value, but VpnEnabled is true');
    }
    for (const [name, max] of [
      ['VpnServer', 2000],
      ['VpnUser', 50],
    ] as const) {
      const p = ciStringProblem(v(name).value!, max);
      if (p) return invalid(name, p);
    }
    for (const [name, max] of [
      ['VpnPassword', 64],
      ['VpnKey', 255],
    ] as const) {
      const p = secretProblem(rec.component, name, max);
      if (p) return invalid(name, p);
    }
    if (!VPN_TYPES.includes(v('VpnType').value!))
      return invalid('VpnType', `"${v('VpnType').value}" is not one of ${VPN_TYPES.join(', ')}`);
    const group = v('VpnGroup');
    if (group.present && ciStringProblem(group.value!, 50)) return invalid('VpnGroup', ciStringProblem(group.value!, 50)!);
  }

  const version = v('OcppVersion');
  if (version.present && !OCPP_VERSIONS.includes(version.value!)) {
    return invalid('OcppVersion', `"${version.value}" is not one of ${OCPP_VERSIONS.join(', ')}`);
  }
  return undefined;
}

// get_optional_value<bool> accepts true/false in any case; anything else reads as "not enabled"
const isTrue = (s: StoredValue) => s.present && s.value?.toLowerCase() === 'true';

/** The CiString check on a secret, worded without any part of the value. */
function secretProblem(component: Component, name: string, max: number): string | undefined {
  const variable = findVariable(component, name);
  if (!variable) return undefined;
  const attr = attributes(variable).find((a) => (a.data.type ?? 'Actual') === 'Actual');
  const raw = attr && 'value' in attr.data && attr.data.value !== null ? attr.data.value : attr ? variable.data.default : undefined;
  if (raw === undefined || raw === null) return undefined;
  const p = ciStringProblem(storedText(raw), max);
  return p?.startsWith('holds') ? 'holds characters other than printable ASCII' : p;
}
