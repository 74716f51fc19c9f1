import type { Legacy16Plan, Write } from './plan.js';
import { cvName } from './plan.js';

const shownValue = (w: Write) => (w.secret ? `(secret, ${[...String(w.value)].length} characters)` : JSON.stringify(w.value));

/** What changes, per component and variable; secrets as their length. */
export function formatChanges(plan: Legacy16Plan): string {
  const byComponent = new Map<string, string[]>();
  for (const w of plan.writes) {
    const name = cvName(w.component, w.variable, w.instance);
    const comp = name.slice(0, name.indexOf('.'));
    const field = w.field === 'value' ? '' : ` ${w.field}`;
    const list = byComponent.get(comp) ?? [];
    list.push(`  ${name.slice(comp.length + 1)}${field} = ${shownValue(w)}  (from ${w.from})`);
    byComponent.set(comp, list);
  }
  const lines: string[] = [];
  for (const [comp, list] of byComponent) lines.push(`${comp}:`, ...list);
  return lines.length ? lines.join('\n') : 'no value changes: the device model already holds the 1.6 values';
}

export interface YamlOptions {
  configDir: string;
  slot: number;
  mappings?: string;
}

/** The EVerest YAML change that goes with the migrated tree, as text to apply by hand. */
export function everestYaml(opts: YamlOptions): string {
  return [
    '# EVerest config: serve OCPP 1.6 from the device model with OCPPmulti instead of the OCPP module',
    'active_modules:',
    '  ocpp:                                 # your module id',
    '    module: OCPPmulti                   # was: OCPP',
    '    config_module:',
    '      Mode: Only1.6                     # or Prefer1.6 to offer OCPP 2.x as well',
    `      DeviceModelConfigPath: ${opts.configDir}`,
    ...(opts.slot !== 1 ? [`      Ocpp16NetworkConfigSlot: ${opts.slot}`] : []),
    ...(opts.mappings ? [`      DeviceModelConfigMappings: ${opts.mappings}   # the same mappings serve the 1.6 keys at run time`] : []),
    '      # EnableLegacyConfigMigration: not needed (leave it false): the tree already holds the migrated values',
    '      # ChargePointConfigPath, UserConfigPath: no longer read by the device model',
  ].join('\n');
}

/** What did not carry over, what went to OCPP16LegacyCtrlr, what changed form, and the warnings. */
export function formatReport(plan: Legacy16Plan): string {
  const lines: string[] = [];
  if (plan.notCarried.length) {
    lines.push(`not carried over (${plan.notCarried.length}):`);
    for (const n of plan.notCarried) lines.push(`  ${n.key} = ${n.value}: ${n.reason}`);
  }
  if (plan.legacyCtrlr.length)
    lines.push(`kept in OCPP16LegacyCtrlr, with no OCPP 2.x counterpart (${plan.legacyCtrlr.length}): ${plan.legacyCtrlr.join(', ')}`);
  if (plan.reshaped.length) {
    lines.push(`changed form (${plan.reshaped.length}):`);
    for (const r of plan.reshaped) lines.push(`  ${r.key}: ${JSON.stringify(r.from)} -> ${JSON.stringify(r.to)} in ${r.target} (${r.why})`);
  }
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
