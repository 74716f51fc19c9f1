export type OcppVersion = '1.6' | '2.0.1' | '2.1';

export const OCPP_VERSIONS: readonly OcppVersion[] = ['2.0.1', '2.1', '1.6'];

// WebSocket subprotocol names as registered by OCA (OCPP-J part 4) and offered by libocpp
export const subprotocolOf = (v: OcppVersion) => `ocpp${v}`;

export function versionOfSubprotocol(protocol: string): OcppVersion | undefined {
  return OCPP_VERSIONS.find((v) => subprotocolOf(v) === protocol);
}
