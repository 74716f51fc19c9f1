import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/paths.js';

interface Planted {
  security: string;
  slot1: string;
  slot2: string;
  apn: string;
  vpn: string;
  vpnKey: string;
  blob: string;
  blobApn: string;
  blobVpn: string;
  blobVpnKey: string;
  custom: string;
  env: string;
  defaultPw: string;
  number: string;
}

/** Recognisable secrets, one per place a station's files can hold one (shared with scan-log.mjs through the JSON file). */
export const PLANTED: Readonly<Planted> = (() => {
  const { '//': _, ...secrets } = JSON.parse(readFileSync(join(ROOT, 'test/secrets/planted-secrets.json'), 'utf8'));
  return secrets;
})();

export const PLANTED_VALUES: readonly string[] = Object.values(PLANTED);

const stringVariable = (name: string, mutability: string, value: string, maxLimit = 64) => ({
  variable_name: name,
  characteristics: { dataType: 'string', supportsMonitoring: false, maxLimit },
  attributes: [{ type: 'Actual', mutability, value }],
});

function edit(file: string, change: (doc: { properties: Record<string, any> }) => void) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  change(doc);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

export const plantedBlob = (slot = 3) =>
  JSON.stringify([
    {
      configurationSlot: slot,
      connectionData: {
        ocppCsmsUrl: 'ws://127.0.0.1:9/ocpp',
        securityProfile: 1,
        ocppInterface: 'Wired0',
        ocppTransport: 'JSON',
        messageTimeout: 30,
        ocppVersion: 'OCPP20',
        basicAuthPassword: PLANTED.blob,
        apn: { apn: 'internet.example', apnUserName: 'apnuser', apnPassword: PLANTED.blobApn, apnAuthentication: 'AUTO' },
        vpn: { server: 'vpn.example', user: 'vpnuser', password: PLANTED.blobVpn, key: PLANTED.blobVpnKey, type: 'IPSec' },
      },
    },
  ]);

/**
 * The shipped config with a password in every place a station's files hold one: SecurityCtrlr, both slots,
 * slot 2's APN and VPN credentials, the legacy blob (password, APN and VPN fields) and a WriteOnly custom variable.
 */
export function plantedTree(opts: { blob?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocppctl-secrets-'));
  cpSync(join(ROOT, 'component_config'), dir, { recursive: true });
  const std = (n: string) => join(dir, 'standardized', n);
  const setActual = (doc: { properties: Record<string, any> }, name: string, value: string) => {
    doc.properties[name].attributes = [{ type: 'Actual', mutability: 'WriteOnly', value }];
  };
  edit(std('SecurityCtrlr.json'), (d) => setActual(d, 'BasicAuthPassword', PLANTED.security));
  edit(std('NetworkConfiguration_1.json'), (d) => setActual(d, 'BasicAuthPassword', PLANTED.slot1));
  edit(std('NetworkConfiguration_2.json'), (d) => {
    d.properties.BasicAuthPassword = stringVariable('BasicAuthPassword', 'WriteOnly', PLANTED.slot2);
    d.properties.BasicAuthPassword.characteristics.minLimit = 16;
    d.properties.Apn = stringVariable('Apn', 'ReadWrite', 'internet.example', 2000);
    d.properties.ApnPassword = stringVariable('ApnPassword', 'WriteOnly', PLANTED.apn);
    d.properties.VpnServer = stringVariable('VpnServer', 'ReadWrite', 'vpn.example', 2000);
    d.properties.VpnUser = stringVariable('VpnUser', 'ReadWrite', 'vpnuser', 50);
    d.properties.VpnPassword = stringVariable('VpnPassword', 'WriteOnly', PLANTED.vpn);
    d.properties.VpnKey = stringVariable('VpnKey', 'WriteOnly', PLANTED.vpnKey, 255);
  });
  edit(std('InternalCtrlr.json'), (d) => {
    if (opts.blob ?? true) d.properties.NetworkConnectionProfiles.attributes[0].value = plantedBlob();
    // a custom variable whose only mark as a secret is its WriteOnly mutability
    d.properties.UpstreamToken = stringVariable('UpstreamToken', 'WriteOnly', PLANTED.custom, 100);
  });
  return dir;
}
