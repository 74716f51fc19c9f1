// Plug&Charge as the EVerest config wires it: which EvseManagers run it and where that setting comes from.
import { basename, dirname, join } from 'node:path';
import type { ConfigTree } from '../model/index.js';
import { isTrue, pncSettings } from '../rules/pnc-settings.js';
import type { ModuleEntry } from './config.js';
import { effective } from './effective.js';
import type { EverestFacts } from './facts.js';

export interface PncEvse {
  manager: ModuleEntry;
  evse?: number;
  /** The effective Plug&Charge switch of this EvseManager. */
  enabled: boolean;
  /** Where it comes from: the device model's PnCEnabled (which OCPP pushes to every EvseManager at start-up), the YAML, or the manifest default. */
  from: 'device-model' | 'yaml' | 'default';
  /** Pointer to payment_enable_contract in the YAML (or the module, when defaulted). */
  pointer: string;
}

/** The EvseManagers the OCPP modules connect (all EvseManagers when no OCPP module connects any), with their PnC switch. */
export function pncEvses(modules: Map<string, ModuleEntry>, ocpp: ModuleEntry[], facts: EverestFacts, tree?: ConfigTree): PncEvse[] {
  const ids = ocpp.flatMap((o) => (o.connections.get('evse_manager') ?? []).map((c) => c.moduleId));
  const managers = (ids.length ? [...new Set(ids)].map((id) => modules.get(id)) : [...modules.values()]).filter(
    (m): m is ModuleEntry => m?.type === 'EvseManager',
  );
  const dm = tree ? pncSettings(tree) : undefined;
  return managers.map((manager) => {
    const yaml = effective(manager, 'payment_enable_contract', facts);
    if (dm?.pnc.present)
      return { manager, evse: manager.evse, enabled: isTrue(dm.pnc), from: 'device-model' as const, pointer: yaml.pointer };
    return {
      manager,
      evse: manager.evse,
      enabled: yaml.value === true,
      from: yaml.from === 'yaml' ? ('yaml' as const) : ('default' as const),
      pointer: yaml.pointer,
    };
  });
}

/**
 * The EvseManagers whose wiring the Plug&Charge rules check: PnC on, said by the device model or the YAML. A manifest
 * default alone (payment_enable_contract defaults to true) does not make an EVSE a Plug&Charge EVSE, or every config
 * without ISO 15118 would be reported.
 */
export const intendedPnc = (evses: PncEvse[]) => evses.filter((e) => e.enabled && e.from !== 'default');

/** An EvseManager that can run an ISO 15118 session: hlc connected and, on AC, ac_hlc_enabled (or ac_with_soc) on. */
export function hlcReady(e: PncEvse, facts: EverestFacts): boolean {
  if (!(e.manager.connections.get('hlc') ?? []).length) return false;
  if ((effective(e.manager, 'charge_mode', facts).value ?? 'AC') !== 'AC') return true;
  return effective(e.manager, 'ac_hlc_enabled', facts).value === true || effective(e.manager, 'ac_with_soc', facts).value === true;
}

/**
 * The folder EvseSecurity resolves its certificate paths against: info.paths.etc / "certs"
 * (evse_securityImpl::init). everest-framework's ManagerSettings::init_settings derives etc from the prefix:
 * /etc/everest for the prefix /usr, <parent>/etc/everest for another prefix ending in usr, else <prefix>/etc/everest.
 */
export function evseSecurityCertsDir(prefix: string): string {
  const etc = prefix === '/usr' ? '/etc' : basename(prefix) === 'usr' ? join(dirname(prefix), 'etc') : join(prefix, 'etc');
  return join(etc, 'everest/certs');
}
