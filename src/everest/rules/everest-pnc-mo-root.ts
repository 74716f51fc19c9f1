import { isAbsolute, join } from 'node:path';
import { moRootStatus } from '../../pnc/certs.js';
import { isTrue, pncSettings } from '../../rules/pnc-settings.js';
import { effective } from '../effective.js';
import { evseSecurityCertsDir, intendedPnc, pncEvses } from '../pnc.js';
import { defineEverestRule } from '../rule.js';

// libocpp's Authorization::validate_token (functional_blocks/authorization.cpp): online, a contract whose issuer
// EvseSecurity cannot find (no MO root) goes to the CSMS only with CentralContractValidationAllowed, read with
// value_or(false); otherwise "Online: Central Contract Validation not allowed" and the answer is Invalid.
const EFFECT =
  'libocpp can validate no contract itself and may not pass it to the CSMS, so every online Plug&Charge authorization is Invalid';

export default defineEverestRule({
  id: 'everest-pnc-mo-root',
  severity: 'warning',
  description:
    'A Plug&Charge station has an MO root certificate where EvseSecurity reads it, or lets the CSMS validate contracts (else every online contract is Invalid)',
  check(ctx) {
    // CentralContractValidationAllowed lives in the device model: without one nothing can be said
    if (!ctx.tree || !intendedPnc(pncEvses(ctx.config.modules, ctx.ocpp, ctx.facts, ctx.tree)).length) return;
    const dm = pncSettings(ctx.tree);
    if (dm && isTrue(dm.centralContractValidation)) return;
    const central = dm?.centralContractValidation.present
      ? `ISO15118Ctrlr.CentralContractValidationAllowed is ${dm.centralContractValidation.value}`
      : 'ISO15118Ctrlr.CentralContractValidationAllowed is unset (libocpp reads it as false)';
    const related = dm?.centralContractValidation.present
      ? [
          {
            file: dm.centralContractValidation.file,
            pointer: dm.centralContractValidation.pointer,
            message: 'ISO15118Ctrlr.CentralContractValidationAllowed',
          },
        ]
      : undefined;
    const hint =
      'install the MO root (ocppctl pnc --certs DIR lists what EvseSecurity holds) or set ISO15118Ctrlr.CentralContractValidationAllowed to true';

    const connected = ctx.ocpp.flatMap((o) => (o.connections.get('security') ?? []).map((c) => ctx.config.modules.get(c.moduleId)));
    const security =
      connected.find((m) => m?.type === 'EvseSecurity') ?? [...ctx.config.modules.values()].find((m) => m.type === 'EvseSecurity');
    if (!security) {
      const ocpp = ctx.ocpp[0];
      if (!ocpp) return;
      ctx.report({
        at: { pointer: ocpp.pointer, atKey: true },
        message: `there is no EvseSecurity module, so the station has no MO root certificate, and ${central}: ${EFFECT}`,
        hint,
        ...(related ? { related } : {}),
      });
      return;
    }
    const bundle = effective(security, 'mo_ca_bundle', ctx.facts);
    const written = typeof bundle.value === 'string' ? bundle.value : 'ca/mo/MO_ROOT_CA.pem';
    const at = bundle.from === 'yaml' ? { pointer: bundle.pointer, atKey: true } : { pointer: security.pointer, atKey: true };
    if (!isAbsolute(written) && ctx.prefix === undefined) {
      ctx.report({
        at,
        severity: 'info',
        message: `${security.id}'s mo_ca_bundle ${written} is relative to EVerest's etc/everest/certs folder, which depends on the prefix: whether an MO root is there is not checked, and ${central}`,
        hint: 'give --everest-prefix (or settings.prefix) to check that the MO root is installed',
      });
      return;
    }
    const path = isAbsolute(written) ? written : join(evseSecurityCertsDir(ctx.prefix!), written);
    const status = moRootStatus(path);
    if (status.usable) return;
    ctx.report({
      at,
      message: `no MO root certificate: ${security.id}'s mo_ca_bundle ${written}${path === written ? '' : ` (${path})`} ${status.why}, and ${central}: ${EFFECT}`,
      hint,
      ...(related ? { related } : {}),
    });
  },
});
