import type { Diagnostic, Report, Severity } from '../diagnostics/diagnostic.js';
import { makeReport } from '../diagnostics/diagnostic.js';
import { loadConfigTree } from '../model/index.js';
import type { ConfigTree } from '../model/index.js';
import { rules as treeRules, validateTree } from '../rules/index.js';
import type { Target } from '../rules/index.js';
import { everestPrefix, loadEverestConfig, locateDeviceModel, ocppModules } from './config.js';
import type { DeviceModelLocation } from './config.js';
import { factsFor } from './facts.js';
import { everestRules } from './registry.js';
import { runEverestRules } from './run.js';

export interface EverestValidateOptions {
  cwd?: string;
  target?: Target;
  /** The EVerest config YAML. */
  configPath: string;
  /** The component_config folder named on the command line; otherwise the one the OCPP module reads. */
  dir?: string;
  /** --everest-prefix: where EVerest is installed (share/ and libexec/ below it). */
  prefix?: string;
  /** --rule: only these rules (device-model and EVerest ids). */
  ruleIds?: readonly string[];
  /** Findings below this severity are counted but not located (line 0): the output will not list them. */
  locateFrom?: Severity;
}

/** Checks an EVerest config, the device model it loads (or the one given) and the two against each other. */
export function validateEverest(opts: EverestValidateOptions): Report {
  const cwd = opts.cwd ?? '.';
  const config = loadEverestConfig(opts.configPath, { cwd });
  const prefix = everestPrefix(config, cwd, opts.prefix);
  const facts = factsFor(prefix);
  const ocpp = ocppModules(config);
  let tree: ConfigTree | undefined;
  let deviceModel: DeviceModelLocation | undefined;
  if (opts.dir !== undefined) tree = loadConfigTree(opts.dir, { cwd });
  else if (ocpp.length) {
    const fallback = facts.modules[ocpp[0].type]?.config.DeviceModelConfigPath?.default;
    deviceModel = locateDeviceModel(config, ocpp[0], prefix, typeof fallback === 'string' ? fallback : 'component_config');
    if (deviceModel.kind === 'found') tree = loadConfigTree(deviceModel.dir, { cwd });
  }
  const wanted = (id: string) => !opts.ruleIds || opts.ruleIds.includes(id);
  const diagnostics: Diagnostic[] = [];
  if (tree) {
    const picked = treeRules.filter((r) => wanted(r.id));
    if (picked.length) diagnostics.push(...validateTree(tree, { target: opts.target, rules: picked, locateFrom: opts.locateFrom }));
  }
  diagnostics.push(
    ...runEverestRules(
      { config, ocpp, facts, tree, deviceModel, prefix },
      everestRules.filter((r) => wanted(r.id)),
      opts.locateFrom,
    ),
  );
  const files = 1 + (config.overlay ? 1 : 0) + (tree?.files.length ?? 0);
  return makeReport(diagnostics, files);
}
