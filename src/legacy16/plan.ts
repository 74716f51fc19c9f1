import { OcppctlError } from '../errors.js';
import { isSecretVariable } from '../diagnostics/redact.js';
import { storedText } from '../model/index.js';
import type { CustomMapping } from './custom-mappings.js';
import type { LegacyConfig, LegacyKey } from './read-config.js';
import { CONNECTION_KEYS, MAX_LIMIT_MAPPINGS, MEASURAND_VARIABLES, SECRET_KEYS, maxLimitMapping, valueMapping } from './mapping.js';

// libocpp's patch_component_config_with_ocpp16 (lib/ocpp/v2/ocpp16_component_config_patcher.cpp), run by
// OCPPmulti's one-time legacy migration, as a list of writes against any device model (files or a database).
// Where libocpp only logs (a missing component or variable), the write is skipped and reported; a value the
// target cannot hold (type, limits, valuesList) refuses the whole migration with located errors.

export interface CompKey {
  name: string;
  instance?: string;
  evseId?: number;
  connectorId?: number;
}

/** What the plan needs to know of a target variable. */
export interface TargetVar {
  dataType?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  hasActual: boolean;
  /** The Actual attribute has its own value (a `default` does not count). */
  actualHasValue: boolean;
  mutability?: string;
  /** The Actual value as text (own value or default). */
  current?: string;
  /** The Actual attribute's own value as text. */
  ownValue?: string;
  /** The variable's `default` as text (files only; a database has none). */
  defaultText?: string;
}

export interface TargetModel {
  hasComponent(key: CompKey): boolean;
  variable(key: CompKey, name: string, instance?: string): TargetVar | undefined;
}

export type Field = 'value' | 'maxLimit' | 'valuesList' | 'mutability' | 'default';

export interface Write {
  component: CompKey;
  variable: string;
  instance?: string;
  field: Field;
  /** JSON-typed by the target's dataType (boolean, number, string). */
  value: string | number | boolean;
  /** The 1.6 key (or a description) the write comes from. */
  from: string;
  secret: boolean;
}

export interface Legacy16Plan {
  writes: Write[];
  /** 1.6 keys that were not carried over: key, shown value, why. */
  notCarried: { key: string; value: string; reason: string }[];
  /** 1.6 keys written to OCPP16LegacyCtrlr (no standard counterpart). */
  legacyCtrlr: string[];
  /** Values that changed form on the way (lists trimmed, deduplicated, units renamed). */
  reshaped: { key: string; from: string; to: string; target: string; why: string }[];
  warnings: string[];
  /** Secret values the plan writes, for masking. */
  secrets: string[];
}

export interface PlanOptions {
  /** NetworkConfiguration slot for the connection keys; 0 skips them. */
  slot: number;
  custom: Map<string, CustomMapping>;
}

export const cvName = (c: CompKey, variable: string, instance?: string) =>
  `${c.name}${c.instance !== undefined ? `[${c.instance}]` : ''}${c.evseId !== undefined ? `@evse${c.evseId}${c.connectorId !== undefined ? `/${c.connectorId}` : ''}` : ''}.${variable}${instance !== undefined ? `[${instance}]` : ''}`;

const LIST_TYPES = new Set(['MemberList', 'SequenceList']);
// libocpp's allow_zero(): these intervals take 0 ("off") whatever their limits say
const ZERO_ALLOWED = new Set(['AlignedDataCtrlr.Interval', 'SampledDataCtrlr.TxUpdatedInterval', 'SampledDataCtrlr.TxEndedInterval']);

/** OCPP 1.6 ChargingScheduleAllowedChargingRateUnit tokens in OCPP 2.x notation (charging_rate_unit_csl_v16_to_v2). */
const rateUnit = (csl: string) =>
  csl
    .split(',')
    .map((t) => (t.trim() === 'Current' ? 'A' : t.trim() === 'Power' ? 'W' : t))
    .join(',');

export function planLegacy16(config: LegacyConfig, model: TargetModel, opts: PlanOptions): Legacy16Plan {
  const plan: Legacy16Plan = { writes: [], notCarried: [], legacyCtrlr: [], reshaped: [], warnings: [], secrets: [] };
  const problems: string[] = [];
  // characteristics the plan itself changes, so later value checks see them
  const valuesLists = new Map<string, string>();
  const maxLimits = new Map<string, number>();
  const shown = (k: LegacyKey) => (SECRET_KEYS.has(k.key) ? `(secret, ${[...k.text].length} characters)` : JSON.stringify(k.text));

  const supported = config.byName.get('SupportedMeasurands');
  if (supported)
    for (const [, c, v] of MEASURAND_VARIABLES) if (model.variable({ name: c }, v)) valuesLists.set(cvName({ name: c }, v), supported.text);
  for (const [key, c, v, i] of MAX_LIMIT_MAPPINGS) {
    const k = config.byName.get(key);
    if (k && /^[+-]?\d+$/.test(k.text.trim())) maxLimits.set(cvName({ name: c }, v, i), Number(k.text));
  }
  const certStore = config.byName.get('CertificateStoreMaxLength');
  if (certStore && /^[+-]?\d+$/.test(certStore.text.trim()))
    maxLimits.set(cvName({ name: 'SecurityCtrlr' }, 'CertificateEntries'), Number(certStore.text));

  /** Adds a write of `text` to the Actual value; false when the target is missing (reported). */
  const writeValue = (
    k: LegacyKey | undefined,
    from: string,
    comp: CompKey,
    variable: string,
    instance: string | undefined,
    text: string,
    opt: { readonly?: boolean; onlyIfUnset?: boolean; where?: string } = {},
  ) => {
    const name = cvName(comp, variable, instance);
    const where = opt.where ?? k?.where ?? from;
    const secret = (k !== undefined && SECRET_KEYS.has(k.key)) || isSecretVariable({ component: comp.name, variable });
    const showText = secret ? `(secret, ${[...text].length} characters)` : JSON.stringify(text);
    if (!model.hasComponent(comp)) {
      const reason =
        comp.name === 'OCPP16LegacyCtrlr'
          ? 'OCPP16LegacyCtrlr is not in the tree (OCPPmulti patches its built-in copy, which init-db gives only its defaults); add standardized/OCPP16LegacyCtrlr.json to carry this value'
          : `component ${name.split('.')[0]} is not in the tree (libocpp: "Component ... not found in component configs")`;
      plan.notCarried.push({ key: from, value: showText, reason });
      return false;
    }
    const tv = model.variable(comp, variable, instance);
    if (!tv) {
      plan.notCarried.push({ key: from, value: showText, reason: `${name} is not in the tree (libocpp: "Variable ... not found")` });
      return false;
    }
    if (!tv.hasActual) {
      plan.notCarried.push({ key: from, value: showText, reason: `${name} has no Actual attribute` });
      return false;
    }
    if (opt.onlyIfUnset && tv.actualHasValue) {
      plan.warnings.push(
        `${name} keeps its value from the tree: libocpp only sets ${JSON.stringify(text)} when the component config gives no value`,
      );
      return false;
    }
    // a database records a value from the component config as VALUE_SOURCE 'default' whether the file gave it as the
    // attribute's value (which libocpp keeps) or as the variable's default (which gives way): say which was assumed
    if (opt.onlyIfUnset && tv.defaultText === undefined && tv.current !== undefined && tv.current !== text)
      plan.warnings.push(
        `${name}: the database holds ${JSON.stringify(tv.current)} from the component config and gets ${JSON.stringify(text)}, as libocpp does for a variable default; libocpp would keep ${JSON.stringify(tv.current)} had the config set it as the attribute's value, which a database does not record`,
      );
    const converted = convertValue(
      text,
      tv,
      valuesLists.get(name) ?? tv.valuesList,
      maxLimits.get(name) ?? tv.maxLimit,
      ZERO_ALLOWED.has(name),
    );
    if (typeof converted === 'string') {
      problems.push(`${where}: ${from} ${secret ? '(value not shown)' : showText} cannot go to ${name}: ${converted}`);
      return false;
    }
    if (converted.text !== text && !secret)
      plan.reshaped.push({
        key: from,
        from: text,
        to: converted.text,
        target: name,
        why: converted.why ?? `written in ${tv.dataType ?? 'string'} form`,
      });
    // a value the target already holds is no change (and not listed as one)
    if (tv.ownValue === undefined || tv.ownValue !== storedText(converted.value))
      plan.writes.push({
        component: comp,
        variable,
        ...(instance !== undefined ? { instance } : {}),
        field: 'value',
        value: converted.value,
        from,
        secret,
      });
    if (secret && text !== '') plan.secrets.push(text);
    if (opt.readonly !== undefined) {
      const mutability = opt.readonly ? 'ReadOnly' : 'ReadWrite';
      if (tv.mutability !== mutability)
        plan.writes.push({
          component: comp,
          variable,
          ...(instance !== undefined ? { instance } : {}),
          field: 'mutability',
          value: mutability,
          from,
          secret: false,
        });
    }
    if (comp.name === 'OCPP16LegacyCtrlr') plan.legacyCtrlr.push(from);
    return true;
  };

  const special = (key: string) =>
    (CONNECTION_KEYS as readonly string[]).includes(key) ||
    key === 'MeterPublicKeys' ||
    key === 'SupportedMeasurands' ||
    key.startsWith('DefaultPriceText');

  // the generic loop over every key of the supported profiles
  for (const k of config.keys) {
    if (maxLimitMapping(k.key)) continue;
    const builtIn = valueMapping(k.key);
    const custom = builtIn ? undefined : opts.custom.get(k.key);
    if (!builtIn && !custom) {
      if (!special(k.key))
        plan.notCarried.push({
          key: k.key,
          value: shown(k),
          reason: 'no OCPP 2.x mapping (libocpp: "No OCPP 2.x mapping found"); add one with --mappings',
        });
      continue;
    }
    // MeterPublicKeys and DefaultPriceText are written by their own steps below, as in libocpp
    if (k.key === 'MeterPublicKeys' || k.key.startsWith('DefaultPriceText')) continue;
    const text = k.key === 'ChargingScheduleAllowedChargingRateUnit' ? rateUnit(k.text) : k.text;
    if (builtIn) writeValue(k, k.key, { name: builtIn[1] }, builtIn[2], builtIn[3], text, { readonly: k.readonly });
    else
      writeValue(k, k.key, custom!.component, custom!.variable.name, custom!.variable.instance, text, {
        readonly: k.readonly,
        where: k.where,
      });
  }

  const securityProfile = config.byName.get('SecurityProfile');
  if (securityProfile)
    writeValue(securityProfile, 'SecurityProfile', { name: 'SecurityCtrlr' }, 'SecurityProfile', undefined, securityProfile.text);

  if (opts.slot > 0) connection(config, model, opts.slot, plan, writeValue);

  const meterKeys = config.byName.get('MeterPublicKeys');
  if (meterKeys) writeValue(meterKeys, 'MeterPublicKeys', { name: 'OCPP16LegacyCtrlr' }, 'MeterPublicKeys', undefined, meterKeys.text);
  const priceText = config.byName.get('DefaultPriceText');
  if (priceText) writeValue(priceText, 'DefaultPriceText', { name: 'OCPP16LegacyCtrlr' }, 'DefaultPriceText', undefined, priceText.text);

  const writeCharacteristic = (
    k: LegacyKey,
    comp: CompKey,
    variable: string,
    instance: string | undefined,
    field: 'maxLimit' | 'valuesList',
    value: number | string,
  ) => {
    const tv = model.variable(comp, variable, instance);
    const name = cvName(comp, variable, instance);
    if (!tv) {
      plan.notCarried.push({ key: k.key, value: shown(k), reason: `${name} is not in the tree, so its ${field} stays as it is` });
      return;
    }
    if ((field === 'maxLimit' ? tv.maxLimit : tv.valuesList) === value) return;
    plan.writes.push({
      component: comp,
      variable,
      ...(instance !== undefined ? { instance } : {}),
      field,
      value,
      from: k.key,
      secret: false,
    });
  };
  for (const [key, c, v, i] of [...MAX_LIMIT_MAPPINGS, ['CertificateStoreMaxLength', 'SecurityCtrlr', 'CertificateEntries'] as const]) {
    const k = config.byName.get(key);
    if (!k) continue;
    const limit = maxLimits.get(cvName({ name: c }, v, i));
    if (limit === undefined) problems.push(`${k.where}: ${key} ${shown(k)} is not a whole number, so it cannot be a maxLimit`);
    else writeCharacteristic(k, { name: c }, v, i, 'maxLimit', limit);
  }
  if (supported) {
    for (const [, c, v] of MEASURAND_VARIABLES) {
      writeCharacteristic(supported, { name: c }, v, undefined, 'valuesList', supported.text);
      trimToList(plan, model, { name: c }, v, supported.text);
    }
  }

  if (problems.length)
    throw new OcppctlError(
      'REFUSED',
      `the OCPP 1.6 config cannot be migrated onto this device model; nothing was changed:\n  ${problems.join('\n  ')}`,
    );
  return plan;
}

/**
 * SupportedMeasurands becomes the valuesList of the measurand variables; a value or default of theirs that the
 * 1.6 config did not set may name a measurand outside it. Such members are dropped (a change of form), so the
 * tree stays valid: libocpp would keep them and refuse them on the first write.
 */
function trimToList(plan: Legacy16Plan, model: TargetModel, comp: CompKey, variable: string, list: string) {
  const tv = model.variable(comp, variable);
  if (!tv) return;
  const members = list.split(',');
  const name = cvName(comp, variable);
  const trim = (text: string) =>
    text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '' && members.includes(t))
      .join(',');
  const written = plan.writes.some((w) => w.field === 'value' && cvName(w.component, w.variable, w.instance) === name);
  if (!written && tv.ownValue !== undefined && trim(tv.ownValue) !== tv.ownValue) {
    plan.writes.push({ component: comp, variable, field: 'value', value: trim(tv.ownValue), from: 'SupportedMeasurands', secret: false });
    plan.reshaped.push({
      key: 'SupportedMeasurands',
      from: tv.ownValue,
      to: trim(tv.ownValue),
      target: name,
      why: 'measurands outside SupportedMeasurands dropped',
    });
  }
  if (tv.defaultText !== undefined && trim(tv.defaultText) !== tv.defaultText) {
    plan.writes.push({
      component: comp,
      variable,
      field: 'default',
      value: trim(tv.defaultText),
      from: 'SupportedMeasurands',
      secret: false,
    });
    plan.reshaped.push({
      key: 'SupportedMeasurands',
      from: tv.defaultText,
      to: trim(tv.defaultText),
      target: `${name} (default)`,
      why: 'measurands outside SupportedMeasurands dropped',
    });
  }
}

type WriteValue = (
  k: LegacyKey | undefined,
  from: string,
  comp: CompKey,
  variable: string,
  instance: string | undefined,
  text: string,
  opt?: { readonly?: boolean; onlyIfUnset?: boolean },
) => boolean;

/** patch_network_connection_profile: the connection keys into NetworkConfiguration[slot]. */
function connection(config: LegacyConfig, model: TargetModel, slot: number, plan: Legacy16Plan, writeValue: WriteValue) {
  const nc: CompKey = { name: 'NetworkConfiguration', instance: String(slot) };
  if (!model.hasComponent(nc)) {
    plan.warnings.push(
      `NetworkConfiguration[${slot}] is not in the tree: the connection settings (CentralSystemURI, SecurityProfile, AuthorizationKey, HostName, ChargePointId) are not migrated, as in OCPPmulti (add the slot with ocppctl add-slot, or choose another with --slot)`,
    );
    for (const key of CONNECTION_KEYS) {
      const k = config.byName.get(key);
      if (k)
        plan.notCarried.push({
          key,
          value: SECRET_KEYS.has(key) ? `(secret, ${[...k.text].length} characters)` : JSON.stringify(k.text),
          reason: `NetworkConfiguration[${slot}] is missing`,
        });
    }
    return;
  }
  const get = (key: string) => config.byName.get(key);
  const uri = get('CentralSystemURI');
  if (uri && uri.text !== '') writeValue(uri, 'CentralSystemURI', nc, 'OcppCsmsUrl', undefined, uri.text);
  const sp = get('SecurityProfile');
  writeValue(sp, 'SecurityProfile', nc, 'SecurityProfile', undefined, sp?.text ?? '0');
  writeValue(undefined, `OcppInterface (pinned by the migration)`, nc, 'OcppInterface', undefined, 'Any', { onlyIfUnset: true });
  const key = get('AuthorizationKey');
  if (key) writeValue(key, 'AuthorizationKey', nc, 'BasicAuthPassword', undefined, key.text);
  const host = get('HostName');
  if (host) writeValue(host, 'HostName', nc, 'HostName', undefined, host.text);
  const id = get('ChargePointId');
  if (id && id.text !== '') writeValue(id, 'ChargePointId', nc, 'Identity', undefined, id.text);
  if (sp && sp.text.trim() === '0') {
    const allow = model.variable({ name: 'InternalCtrlr' }, 'AllowSecurityLevelZeroConnections');
    if (
      allow &&
      allow.current !== 'true' &&
      writeValue(sp, 'SecurityProfile 0', { name: 'InternalCtrlr' }, 'AllowSecurityLevelZeroConnections', undefined, 'true')
    )
      plan.warnings.push(
        "the 1.6 station connected with security profile 0; the device model dials such a slot only when InternalCtrlr.AllowSecurityLevelZeroConnections is true, so ocppctl sets it (OCPPmulti's migration does not, and the station would not connect)",
      );
  }
  writeValue(
    undefined,
    `ActiveNetworkProfile (the migrated slot)`,
    { name: 'OCPPCommCtrlr' },
    'ActiveNetworkProfile',
    undefined,
    String(slot),
  );

  const priority = model.variable({ name: 'OCPPCommCtrlr' }, 'NetworkConfigurationPriority');
  if (priority) {
    const tokens = (priority.current ?? '').split(',');
    if (!tokens.includes(String(slot)))
      plan.warnings.push(
        `slot ${slot} is not listed in OCPPCommCtrlr.NetworkConfigurationPriority ("${priority.current ?? ''}"): the migrated connection profile will not be used until it is (ocppctl set-priority)`,
      );
    if (priority.valuesList !== undefined && !priority.valuesList.split(',').includes(String(slot)))
      plan.warnings.push(
        `slot ${slot} is not in the valuesList of OCPPCommCtrlr.NetworkConfigurationPriority ("${priority.valuesList}"): a CSMS's priority writes naming slot ${slot} will be Rejected until it is`,
      );
  }
}

/** A 1.6 text as the target's dataType holds it, or why it cannot. */
export function convertValue(
  text: string,
  tv: TargetVar,
  valuesList: string | undefined,
  maxLimit: number | undefined,
  zeroAllowed = false,
): { value: string | number | boolean; text: string; why?: string } | string {
  const list = valuesList?.split(',');
  const min = tv.minLimit;
  const range = (n: number) => (min !== undefined && n < min) || (maxLimit !== undefined && n > maxLimit);
  switch (tv.dataType) {
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') return 'the target is a boolean (true or false)';
      return { value: t === 'true', text: t };
    }
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text.trim())) return 'the target is an integer';
      const n = Number(text.trim());
      if (!Number.isSafeInteger(n)) return 'the number is too large';
      if (range(n) && !(n === 0 && zeroAllowed)) return `the target takes ${min ?? '…'} to ${maxLimit ?? '…'}`;
      return { value: n, text: String(n) };
    }
    case 'decimal': {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n)) return 'the target is a decimal number';
      if (range(n)) return `the target takes ${min ?? '…'} to ${maxLimit ?? '…'}`;
      return { value: n, text: String(n) };
    }
    case 'dateTime': {
      const t = text.trim();
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(t) || Number.isNaN(Date.parse(t)))
        return 'the target is a dateTime (RFC 3339, such as 2024-01-01T00:00:00Z)';
      // libocpp reads a time without zone as UTC; OCPP 2.x needs the zone written
      const out = /(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`;
      return { value: out, text: out, why: 'no time zone: read as UTC, as libocpp reads it' };
    }
    case 'OptionList': {
      const t = text.trim();
      if (list && !list.includes(t)) return `the target takes one of ${valuesList}`;
      return { value: t, text: t };
    }
    default:
      if (tv.dataType !== undefined && LIST_TYPES.has(tv.dataType)) {
        let members = text
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
        if (tv.dataType === 'MemberList') members = [...new Set(members)];
        // a member the target's valuesList lacks is dropped (and reported as a change of form), not refused
        if (list) members = members.filter((m) => list.includes(m));
        const out = members.join(',');
        return { value: out, text: out, why: 'list members trimmed; duplicates and members outside its valuesList dropped' };
      }
      if (tv.dataType === 'string' && maxLimit !== undefined && text !== '' && Buffer.byteLength(text) > maxLimit)
        return `${Buffer.byteLength(text)} characters, the target takes at most ${maxLimit}`;
      return { value: text, text };
  }
}
