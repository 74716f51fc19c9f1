import { isTrue, pncSettings } from '../../rules/pnc-settings.js';
import { defineEverestRule } from '../rule.js';
import { hlcReady, intendedPnc, pncEvses } from '../pnc.js';

export default defineEverestRule({
  id: 'everest-pnc-extensions',
  severity: 'warning',
  description: "With ContractCertificateInstallationEnabled, the OCPP module's extensions_15118 is connected to the EvseV2G",
  check(ctx) {
    const dm = ctx.tree ? pncSettings(ctx.tree) : undefined;
    if (!dm?.pncOn || !isTrue(dm.contractInstall)) return;
    // without an EVSE that can run ISO 15118 no EV asks for a certificate; everest-pnc-hlc says why
    if (!intendedPnc(pncEvses(ctx.config.modules, ctx.ocpp, ctx.facts, ctx.tree)).some((e) => hlcReady(e, ctx.facts))) return;
    for (const ocpp of ctx.ocpp) {
      if ((ocpp.connections.get('extensions_15118') ?? []).length) continue;
      ctx.report({
        at: { pointer: `${ocpp.pointer}/connections`, atKey: true },
        message: `ContractCertificateInstallationEnabled is true but ${ocpp.id} has no extensions_15118 connection; the EV's certificate installation requests (Get15118EVCertificate) never reach the CSMS`,
        hint: `connect ${ocpp.id}.connections.extensions_15118 to the EvseV2G module's extensions implementation`,
        related: [
          {
            file: dm.contractInstall.file,
            pointer: dm.contractInstall.pointer,
            message: 'ISO15118Ctrlr.ContractCertificateInstallationEnabled',
          },
        ],
      });
    }
  },
});
