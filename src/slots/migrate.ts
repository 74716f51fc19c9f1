import { OcppctlError } from '../errors.js';
import type { FilePlan } from '../files/index.js';
import { locate } from '../model/index.js';
import type { Component, ConfigTree, Variable } from '../model/index.js';
import { findVariable, storedText } from '../model/index.js';
import { readPriority, storedValue } from '../model/slots/read.js';
import { renderSlotFile } from './slot-template.js';
import type { SlotValues } from './slot-template.js';
import { EditSet, slotComponents, slotFileName, variableOf } from './slot-tree.js';

// libocpp's migrate_from_blob_if_needed (lib/ocpp/v2/ctrlr_component_variables.cpp) turns the legacy
// InternalCtrlr.NetworkConnectionProfiles JSON array into NetworkConfiguration_N slots at start-up. This file
// computes the same result as a FilePlan. Unlike libocpp, which skips bad entries and still clears the blob,
// a blob with any bad entry is refused as a whole, so a migration is never partial.

const INTERFACES = ['Wired0', 'Wired1', 'Wired2', 'Wired3', 'Wireless0', 'Wireless1', 'Wireless2', 'Wireless3', 'Any'];
const TRANSPORTS = ['JSON', 'SOAP'];
const VERSIONS = ['OCPP12', 'OCPP15', 'OCPP16', 'OCPP20', 'OCPP201', 'OCPP21'];
const APN_AUTH = ['CHAP', 'NONE', 'PAP', 'AUTO'];
const VPN_TYPES = ['IKEv2', 'IPSec', 'L2TP', 'PPTP'];
const INT32_MAX = 2147483647;
// the limits libocpp's fallback applies before copying SecurityCtrlr values into a slot
const PASSWORD_MAX = 64;
const IDENTITY_MAX = 48;
const PASSWORD_MIN = 16;
const SECRETS = new Set(['BasicAuthPassword', 'ApnPassword', 'VpnPassword', 'VpnKey', 'SimPin']);

export type MigrationOutcome = 'no-blob' | 'empty' | 'slots-win' | 'empty-array' | 'migrated';

export interface ProfileReport {
  /** 0-based index in the blob array. */
  index: number;
  slot: number;
  createsSlot: boolean;
  file: string;
  /** Variable → value as written; secrets are '***'. */
  fields: [string, string | number | boolean][];
  skipped: string[];
  identitySource: 'blob' | 'SecurityCtrlr' | 'none';
  passwordSource: 'blob' | 'SecurityCtrlr' | 'none';
}

export interface MigrationReport {
  outcome: MigrationOutcome;
  /** Human sentences: why the outcome, what the priority list means for the migrated slots. */
  notes: string[];
  profiles: ProfileReport[];
}

export interface MigrationResult {
  plan: FilePlan;
  report: MigrationReport;
  /** Secret values the plan writes, for masking a diff. */
  secrets: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const printable = (s: string) => /^[\x20-\x7e\n]*$/.test(s);

/** What the migration reads, from files or from a database. */
export interface MigrationSource {
  /** undefined when there is no NetworkConnectionProfiles variable at all. */
  blob: { value: string | undefined; where: string } | undefined;
  prioritySlots: number[];
  slotUrl(n: number): string | undefined;
  /** An existing slot: where it is, and which variables it has. */
  slot(n: number): { file: string; has(name: string): boolean } | undefined;
  newSlotFile(n: number): string;
  /** SecurityCtrlr values as stored (text); the limits are applied here. */
  securityPassword: string | undefined;
  securityIdentity: string | undefined;
}

export interface MigrationDecision {
  outcome: MigrationOutcome;
  notes: string[];
  profiles: ProfileReport[];
  /** Slot → values to write, in the order libocpp writes them (later profiles for one slot win). */
  writes: Map<number, SlotValues>;
  clearBlob: boolean;
  secrets: string[];
}

const CORE = ['OcppCsmsUrl', 'SecurityProfile', 'OcppInterface', 'OcppTransport', 'MessageTimeout'];

export function decideMigration(src: MigrationSource): MigrationDecision {
  const done = (outcome: MigrationOutcome, notes: string[], clearBlob: boolean): MigrationDecision => ({
    outcome,
    notes,
    profiles: [],
    writes: new Map(),
    clearBlob,
    secrets: [],
  });
  if (!src.blob) return done('no-blob', ['there is no InternalCtrlr.NetworkConnectionProfiles; nothing to migrate'], false);
  const blob = src.blob.value;
  if (blob === undefined || blob === '')
    return done('empty', ['InternalCtrlr.NetworkConnectionProfiles is empty; nothing to migrate'], false);
  const where = src.blob.where;

  for (const n of src.prioritySlots) {
    const url = src.slotUrl(n);
    if (url !== undefined && url !== '') {
      return done(
        'slots-win',
        [`slot ${n}, listed in NetworkConfigurationPriority, already has an OcppCsmsUrl: libocpp keeps the slots and only clears the blob`],
        true,
      );
    }
  }

  let profiles: unknown;
  try {
    profiles = JSON.parse(blob);
  } catch (err) {
    throw new OcppctlError('REFUSED', `${where}: the legacy profiles are not valid JSON (${(err as Error).message}); nothing was written`);
  }
  if (!Array.isArray(profiles))
    throw new OcppctlError(
      'REFUSED',
      `${where}: the legacy profiles must be a JSON array of SetNetworkProfile requests; nothing was written`,
    );
  if (profiles.length === 0) return done('empty-array', ['the legacy profiles array is empty: libocpp only clears it'], true);

  // libocpp copies a SecurityCtrlr value only when it is non-empty and fits the slot's CiString
  const fits = (v: string | undefined, max: number) => (v !== undefined && v !== '' && v.length <= max ? v : undefined);
  const fallbackPassword = fits(src.securityPassword, PASSWORD_MAX);
  const fallbackIdentity = fits(src.securityIdentity, IDENTITY_MAX);
  const problems: string[] = [];
  const perSlot = new Map<number, { values: SlotValues; report: ProfileReport }>();
  const reports: ProfileReport[] = [];
  const secrets: string[] = [];
  profiles.forEach((entry, index) => {
    const bad = (msg: string) => problems.push(`${where}: profile ${index + 1}: ${msg}`);
    if (!isObject(entry)) return bad('is not an object');
    const slot = entry.configurationSlot;
    if (!isInt(slot)) return bad('configurationSlot is missing or not an integer');
    if (slot < 1 || slot > INT32_MAX) return bad(`configurationSlot ${slot} is out of range (1 to ${INT32_MAX})`);
    const d = entry.connectionData;
    if (!isObject(d)) return bad('connectionData is missing or not an object');
    const before = problems.length;
    const p = (msg: string) => bad(`(slot ${slot}) ${msg}`);
    if (typeof d.ocppCsmsUrl !== 'string' || d.ocppCsmsUrl === '') p('ocppCsmsUrl is missing or empty');
    else if (d.ocppCsmsUrl.length > 2000 || !printable(d.ocppCsmsUrl))
      p('ocppCsmsUrl is longer than 2000 characters or not printable ASCII');
    if (!isInt(d.securityProfile) || d.securityProfile < 0 || d.securityProfile > 3)
      p(`securityProfile ${JSON.stringify(d.securityProfile)} is not 0, 1, 2 or 3`);
    if (typeof d.ocppInterface !== 'string' || !INTERFACES.includes(d.ocppInterface))
      p(`ocppInterface ${JSON.stringify(d.ocppInterface)} is not one of ${INTERFACES.join(', ')}`);
    if (typeof d.ocppTransport !== 'string' || !TRANSPORTS.includes(d.ocppTransport))
      p(`ocppTransport ${JSON.stringify(d.ocppTransport)} is not JSON or SOAP`);
    if (!isInt(d.messageTimeout) || d.messageTimeout < 1)
      p(`messageTimeout ${JSON.stringify(d.messageTimeout)} is not a whole number of seconds ≥ 1`);
    if ('ocppVersion' in d && (typeof d.ocppVersion !== 'string' || !VERSIONS.includes(d.ocppVersion)))
      p(`ocppVersion ${JSON.stringify(d.ocppVersion)} is not one of ${VERSIONS.join(', ')}`);
    if ('identity' in d && (typeof d.identity !== 'string' || d.identity.length > IDENTITY_MAX || !printable(d.identity)))
      p(`identity must be a printable string of at most ${IDENTITY_MAX} characters`);
    if (
      'basicAuthPassword' in d &&
      (typeof d.basicAuthPassword !== 'string' || d.basicAuthPassword.length > PASSWORD_MAX || !printable(d.basicAuthPassword))
    ) {
      p(`basicAuthPassword must be a printable string of at most ${PASSWORD_MAX} characters`);
    }
    if ('apn' in d) {
      const a = d.apn;
      if (!isObject(a) || typeof a.apn !== 'string' || typeof a.apnAuthentication !== 'string' || !APN_AUTH.includes(a.apnAuthentication)) {
        p(`apn needs apn (a string) and apnAuthentication (${APN_AUTH.join(', ')})`);
      }
    }
    if ('vpn' in d) {
      const v = d.vpn;
      if (
        !isObject(v) ||
        !['server', 'user', 'password', 'key'].every((k) => typeof v[k] === 'string') ||
        typeof v.type !== 'string' ||
        !VPN_TYPES.includes(v.type)
      ) {
        p(`vpn needs server, user, password, key (strings) and type (${VPN_TYPES.join(', ')})`);
      }
    }
    if (problems.length > before) return;

    const existing = src.slot(slot);
    const prior = perSlot.get(slot);
    const report: ProfileReport = {
      index,
      slot,
      createsSlot: !existing,
      file: existing ? existing.file : src.newSlotFile(slot),
      fields: [],
      skipped: [],
      identitySource: 'none',
      passwordSource: 'none',
    };
    if (prior)
      report.skipped.push(`profile ${prior.report.index + 1} also targets slot ${slot}; as in libocpp, the later profile's values win`);
    const values: SlotValues = prior ? prior.values : {};
    const set = (name: string, value: string | number | boolean) => {
      if (existing && !existing.has(name)) {
        if (CORE.includes(name)) p(`${existing.file} has no ${name} variable, so libocpp would fail to write this profile`);
        else report.skipped.push(`${name}: ${existing.file} has no such variable`);
        return;
      }
      values[name] = value;
      report.fields.push([name, SECRETS.has(name) ? '***' : value]);
      if (SECRETS.has(name) && typeof value === 'string' && value !== '') secrets.push(value);
    };
    set('OcppCsmsUrl', d.ocppCsmsUrl as string);
    set('SecurityProfile', d.securityProfile as number);
    set('OcppInterface', d.ocppInterface as string);
    set('OcppTransport', d.ocppTransport as string);
    set('MessageTimeout', d.messageTimeout as number);

    let identity = typeof d.identity === 'string' ? d.identity : undefined;
    report.identitySource = identity !== undefined ? 'blob' : fallbackIdentity !== undefined ? 'SecurityCtrlr' : 'none';
    identity ??= fallbackIdentity;
    set('Identity', identity ?? '');

    let password = typeof d.basicAuthPassword === 'string' ? d.basicAuthPassword : undefined;
    report.passwordSource = password !== undefined ? 'blob' : fallbackPassword !== undefined ? 'SecurityCtrlr' : 'none';
    password ??= fallbackPassword;
    // libocpp writes the password (or "") and only warns when the slot's 16..64 limit rejects it
    if (password === undefined || password.length < PASSWORD_MIN) {
      report.skipped.push(
        `BasicAuthPassword: ${password === undefined ? 'none in the profile or SecurityCtrlr' : `${password.length} characters, below the slot's minimum of ${PASSWORD_MIN}`}; the slot keeps its current password`,
      );
      report.passwordSource = 'none';
    } else set('BasicAuthPassword', password);

    if (isObject(d.apn)) {
      const a = d.apn;
      set('ApnEnabled', true);
      set('Apn', a.apn as string);
      set('ApnAuthentication', a.apnAuthentication as string);
      set('ApnUserName', typeof a.apnUserName === 'string' ? a.apnUserName : '');
      set('ApnPassword', typeof a.apnPassword === 'string' ? a.apnPassword : '');
      if (isInt(a.simPin)) set('SimPin', a.simPin);
      set('PreferredNetwork', typeof a.preferredNetwork === 'string' ? a.preferredNetwork : '');
      if (typeof a.useOnlyPreferredNetwork === 'boolean') set('UseOnlyPreferredNetwork', a.useOnlyPreferredNetwork);
    } else set('ApnEnabled', false);
    if (isObject(d.vpn)) {
      const v = d.vpn;
      set('VpnEnabled', true);
      for (const [k, name] of [
        ['server', 'VpnServer'],
        ['user', 'VpnUser'],
        ['password', 'VpnPassword'],
        ['key', 'VpnKey'],
        ['type', 'VpnType'],
      ] as const)
        set(name, v[k] as string);
      set('VpnGroup', typeof v.group === 'string' ? v.group : '');
    } else set('VpnEnabled', false);
    if (typeof d.ocppVersion === 'string') {
      // the slot's OcppVersion valuesList has no OCPP12/OCPP15: libocpp's write of those fails with a warning
      if (['OCPP12', 'OCPP15'].includes(d.ocppVersion))
        report.skipped.push(`OcppVersion ${d.ocppVersion}: not in the slot's valuesList (OCPP16, OCPP20, OCPP201, OCPP21)`);
      else set('OcppVersion', d.ocppVersion);
    }
    if ('customData' in d) report.skipped.push('customData: libocpp drops it');
    perSlot.set(slot, { values, report });
    reports.push(report);
  });
  if (problems.length) {
    throw new OcppctlError('REFUSED', `the legacy profiles cannot be migrated; nothing was written:\n  ${problems.join('\n  ')}`);
  }

  const notes: string[] = [`${reports.length} profile(s) migrated into ${perSlot.size} slot(s); the blob is cleared (set to "")`];
  const unlisted = [...perSlot.keys()].filter((n) => !src.prioritySlots.includes(n));
  if (unlisted.length) {
    notes.push(
      `slot(s) ${unlisted.join(', ')} are not in NetworkConfigurationPriority; libocpp leaves the list as it is, so the station will not use them until you run ocppctl set-priority`,
    );
  }
  return {
    outcome: 'migrated',
    notes,
    profiles: reports,
    writes: new Map([...perSlot].map(([n, v]) => [n, v.values])),
    clearBlob: true,
    secrets,
  };
}

/** What the migration reads from a config tree: the blob, the priority list, the slots and SecurityCtrlr. */
export function treeMigrationSource(tree: ConfigTree): MigrationSource {
  const blobVar = variableOf(tree, 'InternalCtrlr', 'NetworkConnectionProfiles');
  const blobValue = blobVar ? storedValue(blobVar.component, 'NetworkConnectionProfiles') : undefined;
  const slots = slotComponents(tree);
  const securityText = (name: string) => {
    const v = variableOf(tree, 'SecurityCtrlr', name);
    const raw = v ? rawActual(v) : undefined;
    return raw === undefined || raw === null ? undefined : storedText(raw);
  };
  return {
    blob:
      blobVar && blobValue
        ? {
            value: blobValue.present ? blobValue.value : undefined,
            where: `${blobVar.component.source.file}:${locate(blobVar.component.source, blobValue.pointer).line} (${blobValue.pointer})`,
          }
        : undefined,
    prioritySlots: readPriority(tree).slots,
    slotUrl: (n) => {
      const c = slots.get(n);
      const url = c ? storedValue(c, 'OcppCsmsUrl') : undefined;
      return url?.present ? url.value : undefined;
    },
    slot: (n) => {
      const c = slots.get(n);
      return c && { file: c.source.file, has: (name: string) => findVariable(c, name) !== undefined };
    },
    newSlotFile: (n) => `${tree.displayRoot === '.' ? '' : tree.displayRoot + '/'}standardized/${slotFileName(n)}`,
    securityPassword: securityText('BasicAuthPassword'),
    securityIdentity: securityText('Identity'),
  };
}

export function planMigrate(tree: ConfigTree): MigrationResult {
  const blobVar = variableOf(tree, 'InternalCtrlr', 'NetworkConnectionProfiles');
  const blobValue = blobVar ? storedValue(blobVar.component, 'NetworkConnectionProfiles') : undefined;
  const slots = slotComponents(tree);
  const decision = decideMigration(treeMigrationSource(tree));
  const edits = new EditSet();
  for (const [slot, values] of decision.writes) {
    const existing = slots.get(slot);
    if (existing) writeValues(edits, existing, values);
    else edits.create(tree, 'standardized', slotFileName(slot), renderSlotFile(slot, values));
  }
  if (decision.clearBlob && blobVar) edits.setValue(blobVar, '');
  return {
    plan: { root: tree.root, command: 'migrate', changes: edits.changes() },
    report: { outcome: decision.outcome, notes: decision.notes, profiles: decision.profiles },
    // the cleared blob appears whole on the diff's removed line, passwords and VPN keys included: hide all of it
    secrets: [...(decision.clearBlob && blobValue?.present && blobValue.value ? [blobValue.value] : []), ...decision.secrets],
  };
}

function writeValues(edits: EditSet, component: Component, values: SlotValues) {
  for (const [name, value] of Object.entries(values)) edits.setValue(findVariable(component, name)!, value);
}

function rawActual(v: Variable): unknown {
  const attrs = v.data.attributes;
  const attr: unknown = Array.isArray(attrs) ? attrs.find((a) => isObject(a) && (a.type ?? 'Actual') === 'Actual') : undefined;
  if (isObject(attr) && 'value' in attr) return attr.value;
  return v.data.default;
}

/** The dry-run text: per profile the target slot, the fields, what is skipped and why; secrets as ***. */
export function formatMigrationReport(report: MigrationReport): string {
  const lines: string[] = [];
  for (const p of report.profiles) {
    lines.push(`profile ${p.index + 1} → slot ${p.slot} (${p.createsSlot ? 'created: ' : ''}${p.file})`);
    for (const [name, value] of p.fields)
      lines.push(`  ${name} = ${typeof value === 'string' && value !== '***' ? JSON.stringify(value) : String(value)}`);
    lines.push(`  identity from ${p.identitySource}, password from ${p.passwordSource}`);
    for (const s of p.skipped) lines.push(`  skipped ${s}`);
  }
  lines.push(...report.notes);
  return lines.join('\n');
}
