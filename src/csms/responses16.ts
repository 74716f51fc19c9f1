import type { Payload } from '../protocol/index.js';

const now = () => new Date().toISOString();
const accepted = () => ({ idTagInfo: { status: 'Accepted' } });

/**
 * The smallest valid OCPP 1.6 answer to each message a station sends (BootNotification is answered by the server,
 * which knows --boot). Every idTag is Accepted and every transaction gets the next id of `transactionIds`.
 * Anything not listed is answered NotImplemented by the connection.
 */
export function minimalResponses16(transactionIds: () => number): Record<string, (payload: Payload) => Payload> {
  return {
    Heartbeat: () => ({ currentTime: now() }),
    StatusNotification: () => ({}),
    Authorize: accepted,
    StartTransaction: () => ({ transactionId: transactionIds(), ...accepted() }),
    // idTagInfo only when the stop names an idTag (1.6 §6.49)
    StopTransaction: (p) => (p.idTag === undefined ? {} : accepted()),
    MeterValues: () => ({}),
    DataTransfer: () => ({ status: 'UnknownVendorId' }),
    DiagnosticsStatusNotification: () => ({}),
    FirmwareStatusNotification: () => ({}),
    // the security extension of 1.6 (Improved security for OCPP 1.6-J)
    SecurityEventNotification: () => ({}),
    SignedFirmwareStatusNotification: () => ({}),
    LogStatusNotification: () => ({}),
    SignCertificate: () => ({ status: 'Accepted' }),
  };
}
