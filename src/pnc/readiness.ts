// `ocppctl pnc`: whether Plug&Charge will work, from the device model, the station's database, the EVerest YAML
// and EvseSecurity's certificates, checked together.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OcppctlError } from '../errors.js';
import { loadConfigTree } from '../model/index.js';
import type { ConfigTree } from '../model/index.js';
import type { StoredValue } from '../model/slots/read.js';
import { rules as treeRules, validateTree } from '../rules/index.js';
import { pncSettings } from '../rules/pnc-settings.js';
import { everestPrefix, loadEverestConfig, locateDeviceModel, ocppModules } from '../everest/config.js';
import type { EverestConfig } from '../everest/config.js';
import { effective } from '../everest/effective.js';
import { factsFor } from '../everest/facts.js';
import type { EverestFacts } from '../everest/facts.js';
import { evseSecurityCertsDir, hlcReady, pncEvses } from '../everest/pnc.js';
import { everestRules } from '../everest/registry.js';
import { runEverestRules } from '../everest/run.js';
import { checkCertificates } from './certs.js';
import type { CertPaths, CertSummary } from './certs.js';

export interface PncOptions {
  cwd?: string;
  /** The component_config folder; else the one the YAML's OCPP module reads. */
  config?: string;
  everestConfig?: string;
  /** --everest-prefix: where EVerest is installed; else the YAML's settings.prefix. */
  prefix?: string;
  certs?: string;
  db?: string;
  now?: Date;
}

export type SettingSource = 'device model' | 'database' | 'yaml' | 'default' | 'unset';

export interface PncSetting {
  name: string;
  value?: string;
  from: SettingSource;
  /** File (and pointer) of the value, for the device model. */
  where?: string;
}

export interface PncEvseRow {
  module: string;
  evse?: number;
  pnc: boolean;
  from: SettingSource;
  hlc: boolean;
}

export interface PncFinding {
  severity: 'error' | 'warning' | 'info';
  source: string;
  where?: string;
  message: string;
}

export interface PncReadiness {
  settings: PncSetting[];
  evses: PncEvseRow[];
  certificates: CertSummary[];
  /** The certificates folder checked: --certs, or EvseSecurity's folder under the EVerest prefix when it exists. */
  certsDir?: { path: string; from: 'option' | 'prefix' };
  findings: PncFinding[];
  ready: boolean;
  /** The first thing to fix, when not ready. */
  firstFix?: string;
}

const DEVICE_MODEL_SETTINGS: [
  component: string,
  variable: string,
  pick: (s: NonNullable<ReturnType<typeof pncSettings>>) => StoredValue | undefined,
][] = [
  ['ISO15118Ctrlr', 'PnCEnabled', (s) => s.pnc],
  ['ISO15118Ctrlr', 'V2GCertificateInstallationEnabled', (s) => s.v2gInstall],
  ['ISO15118Ctrlr', 'ContractCertificateInstallationEnabled', (s) => s.contractInstall],
  ['ISO15118Ctrlr', 'ContractValidationOffline', (s) => s.contractValidationOffline],
  ['ISO15118Ctrlr', 'CentralContractValidationAllowed', (s) => s.centralContractValidation],
  ['ISO15118Ctrlr', 'SeccId', (s) => s.seccId],
  ['ISO15118Ctrlr', 'CountryName', (s) => s.countryName],
  ['ISO15118Ctrlr', 'OrganizationName', (s) => s.organizationName],
  ['AuthCtrlr', 'Enabled', (s) => s.authEnabled],
  ['AuthCtrlr', 'LocalAuthorizeOffline', (s) => s.localAuthorizeOffline],
  ['SecurityCtrlr', 'SecurityProfile', (s) => s.securityProfile],
];

const PNC_RULE = /^(everest-)?pnc-/;

export async function pncReadiness(opts: PncOptions): Promise<PncReadiness> {
  const cwd = opts.cwd ?? '.';
  if (opts.prefix !== undefined && opts.everestConfig === undefined)
    throw new OcppctlError('USAGE', '--everest-prefix says where the EVerest config is installed: give --everest-config FILE too');
  if (opts.config === undefined && opts.everestConfig === undefined)
    throw new OcppctlError('USAGE', 'name the device model with --config DIR or the EVerest config with --everest-config FILE');
  let everest: { config: EverestConfig; facts: EverestFacts; prefix?: string } | undefined;
  let tree: ConfigTree | undefined;
  if (opts.everestConfig !== undefined) {
    const config = loadEverestConfig(opts.everestConfig, { cwd });
    if (!config.data)
      throw new OcppctlError(
        'INPUT',
        `${opts.everestConfig}: the EVerest config does not parse; ocppctl validate --everest-config ${opts.everestConfig} says where`,
      );
    const prefix = everestPrefix(config, cwd, opts.prefix);
    everest = { config, facts: factsFor(prefix), prefix };
  }
  const ocpp = everest ? ocppModules(everest.config) : [];
  // without --certs, the folder EvseSecurity reads under the prefix, when the station's files are at hand there
  const underPrefix = everest?.prefix !== undefined ? evseSecurityCertsDir(everest.prefix) : undefined;
  const certsDir =
    opts.certs !== undefined
      ? { path: resolve(cwd, opts.certs), from: 'option' as const }
      : underPrefix !== undefined && existsSync(underPrefix)
        ? { path: underPrefix, from: 'prefix' as const }
        : undefined;
  if (opts.config !== undefined) {
    if (!existsSync(resolve(cwd, opts.config))) throw new OcppctlError('INPUT', `--config ${opts.config}: no such folder`);
    tree = loadConfigTree(opts.config, { cwd });
  } else if (everest && ocpp.length) {
    const fallback = everest.facts.modules[ocpp[0].type]?.config.DeviceModelConfigPath?.default;
    const dm = locateDeviceModel(everest.config, ocpp[0], everest.prefix, typeof fallback === 'string' ? fallback : 'component_config');
    if (dm.kind === 'found') tree = loadConfigTree(dm.dir, { cwd });
  }

  const findings: PncFinding[] = [];
  const fromDiagnostic = (d: Diagnostic): PncFinding => ({
    severity: d.severity,
    source: d.ruleId,
    where: `${d.file}:${d.line}:${d.column}`,
    message: d.message,
  });
  if (tree) findings.push(...validateTree(tree, { rules: treeRules.filter((r) => PNC_RULE.test(r.id)) }).map(fromDiagnostic));
  else
    findings.push({
      severity: 'warning',
      source: 'pnc',
      message: 'no device model found: the ISO15118Ctrlr variables that switch Plug&Charge on are unknown (name it with --config DIR)',
    });
  if (everest)
    findings.push(
      ...runEverestRules(
        { config: everest.config, ocpp, facts: everest.facts, tree, prefix: everest.prefix },
        // with a certificates folder the MO root is checked in it, below, with the other certificates
        everestRules.filter((r) => PNC_RULE.test(r.id) && !(certsDir !== undefined && r.id === 'everest-pnc-mo-root')),
      ).map(fromDiagnostic),
    );

  // the device-model settings, with the database's value where a CSMS wrote one (libocpp uses it over the files)
  const dm = tree ? pncSettings(tree) : undefined;
  const fromDb = opts.db !== undefined ? await csmsValues(resolve(cwd, opts.db), opts.db) : new Map<string, string>();
  const settings: PncSetting[] = DEVICE_MODEL_SETTINGS.map(([component, variable, pick]) => {
    const name = `${component}.${variable}`;
    const csms = fromDb.get(name);
    if (csms !== undefined)
      return {
        name,
        value: variable === 'SecurityProfile' || !isSecretName(variable) ? csms : undefined,
        from: 'database' as const,
        where: opts.db,
      };
    const v = dm ? pick(dm) : undefined;
    if (!v?.present) return { name, from: 'unset' as const };
    return { name, value: v.value, from: 'device model' as const, where: v.file.file };
  });
  for (const s of settings.filter((x) => x.from === 'database'))
    findings.push({
      severity: 'info',
      source: 'pnc',
      where: opts.db,
      message: `${s.name} is ${s.value} in the station's database, written by the CSMS; libocpp uses it, not the files' value`,
    });

  const evses: PncEvseRow[] = everest
    ? pncEvses(everest.config.modules, ocpp, everest.facts, tree).map((e) => ({
        module: e.manager.id,
        evse: e.evse,
        pnc: e.enabled,
        from: e.from === 'device-model' ? ('device model' as const) : e.from,
        hlc: hlcReady(e, everest.facts),
      }))
    : [];
  // a database PnCEnabled written by the CSMS wins over both the files and the YAML
  const dbPnc = fromDb.get('ISO15118Ctrlr.PnCEnabled');
  if (dbPnc !== undefined) for (const e of evses) Object.assign(e, { pnc: dbPnc.toLowerCase() === 'true', from: 'database' });

  const certificates: CertSummary[] = [];
  if (certsDir !== undefined) {
    const dir = certsDir.path;
    if (!existsSync(dir)) throw new OcppctlError('INPUT', `--certs ${opts.certs}: no such folder`);
    const sec = everest ? [...everest.config.modules.values()].find((m) => m.type === 'EvseSecurity') : undefined;
    const key = (k: string) => (sec && everest ? effective(sec, k, everest.facts).value : undefined);
    const str = (k: string) => (typeof key(k) === 'string' ? (key(k) as string) : undefined);
    const paths: Partial<CertPaths> = Object.fromEntries(
      Object.entries({
        v2gCaBundle: str('v2g_ca_bundle'),
        moCaBundle: str('mo_ca_bundle'),
        csmsCaBundle: str('csms_ca_bundle'),
        seccLeafCertDirectory: str('secc_leaf_cert_directory'),
        seccLeafKeyDirectory: str('secc_leaf_key_directory'),
      }).filter(([, v]) => v !== undefined && v !== ''),
    );
    const checked = checkCertificates(dir, { paths, password: str('private_key_password') || undefined, now: opts.now });
    certificates.push(...checked.certificates);
    findings.push(...checked.findings.map((f) => ({ severity: f.severity, source: 'certificates', where: f.file, message: f.message })));
    const central = settings.find((s) => s.name === 'ISO15118Ctrlr.CentralContractValidationAllowed');
    if (!checked.hasMoRoot && central?.value?.toLowerCase() !== 'true')
      findings.push({
        severity: 'warning',
        source: 'certificates',
        message:
          'no MO root certificate and CentralContractValidationAllowed is not true: the station can validate no contract, so every online Plug&Charge authorization is Invalid',
      });
  }

  const rank = { error: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
  const blocking = findings.filter((f) => f.severity !== 'info');
  const pncOn = evses.length ? evses.some((e) => e.pnc) : dbPnc !== undefined ? dbPnc.toLowerCase() === 'true' : dm?.pncOn === true;
  const off = {
    message: `Plug&Charge is off (ISO15118Ctrlr.PnCEnabled is not true${dbPnc !== undefined ? " in the station's database" : ''})`,
  };
  const first = pncOn ? blocking[0] : off;
  return {
    settings,
    evses,
    certificates,
    ...(certsDir ? { certsDir } : {}),
    findings,
    ready: first === undefined,
    firstFix: first?.message,
  };
}

const isSecretName = (name: string) => /password|key/i.test(name);

/** ISO15118Ctrlr/AuthCtrlr/SecurityCtrlr Actual values the CSMS wrote into the station's database. */
async function csmsValues(path: string, shown: string): Promise<Map<string, string>> {
  if (!existsSync(path)) throw new OcppctlError('INPUT', `--db ${shown}: no such file`);
  const { openDatabase } = await import('../db/sqlite.js');
  const { readDbState } = await import('../db/db-state.js');
  const { ATTRIBUTE_TYPES } = await import('../db/schema.js');
  let db;
  try {
    db = openDatabase(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new OcppctlError('INPUT', `--db ${shown}: cannot open (${(err as Error).message})`);
  }
  try {
    const out = new Map<string, string>();
    const wanted = new Set(DEVICE_MODEL_SETTINGS.map(([c, v]) => `${c}.${v}`));
    let state;
    try {
      state = readDbState(db);
    } catch (err) {
      throw new OcppctlError('INPUT', `--db ${shown}: not a libocpp device-model database (${(err as Error).message})`);
    }
    for (const c of state.components) {
      if (c.key.evseId !== undefined || c.key.instance !== undefined) continue;
      for (const v of c.variables) {
        const name = `${c.key.name}.${v.name}`;
        if (!wanted.has(name) || v.instance !== undefined) continue;
        const actual = v.attributes.find((a) => a.type === undefined || ATTRIBUTE_TYPES[a.type] === 'Actual');
        if (actual?.value !== undefined && actual.valueSource?.toLowerCase() === 'csms') out.set(name, actual.value);
      }
    }
    return out;
  } finally {
    db.close();
  }
}

/** The report as text: settings, EVSEs, certificates, findings, and the verdict on the last line. */
// values from a database pulled from the field reach the terminal: no control characters
const printable = (t: string) => t.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function formatReadiness(r: PncReadiness): string {
  const lines: string[] = ['Plug&Charge settings:'];
  const w = Math.max(...r.settings.map((s) => s.name.length));
  for (const s of r.settings)
    lines.push(`  ${s.name.padEnd(w)}  ${printable(s.value ?? '-').padEnd(8)}  ${s.from}${s.where ? ` (${s.where})` : ''}`);
  if (r.evses.length) {
    lines.push('', 'EVSEs:');
    for (const e of r.evses)
      lines.push(
        `  evse ${e.evse ?? '?'}  ${e.module}  Plug&Charge ${e.pnc ? 'on' : 'off'} (${e.from})  ISO 15118 ${e.hlc ? 'ready' : 'not ready'}`,
      );
  }
  if (r.certificates.length || r.certsDir) {
    lines.push(
      '',
      `certificates${r.certsDir ? ` in ${r.certsDir.path}${r.certsDir.from === 'prefix' ? " (EvseSecurity's folder under the EVerest prefix)" : ''}` : ''}:`,
    );
    for (const c of r.certificates)
      lines.push(`  ${c.role.padEnd(11)}  ${c.file}  ${c.subject}  until ${c.notAfter.slice(0, 10)} (${c.daysLeft} days left)`);
  }
  if (r.findings.length) {
    lines.push('', 'findings:');
    for (const f of r.findings)
      lines.push(`  ${f.severity.padEnd(7)}  ${f.where ? `${f.where}  ` : ''}${printable(f.message)}  ${f.source}`);
  }
  lines.push('', r.ready ? 'ready: Plug&Charge should work' : `not ready: ${r.firstFix}`);
  return lines.join('\n') + '\n';
}
