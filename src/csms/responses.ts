import type { Payload } from '../protocol/index.js';
import { answerEvCertificate } from './ev-certificate.js';

const now = () => new Date().toISOString();

// The smallest valid answer to each message a station sends, so that any station can run against the test CSMS.
// Both 2.x versions accept these shapes (1.6 has its own, responses16.ts); the connection validates them again before sending.
export const minimalResponses: Record<string, () => Payload> = {
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: () => ({}),
  NotifyReport: () => ({}),
  NotifyEvent: () => ({}),
  NotifyMonitoringReport: () => ({}),
  NotifyChargingLimit: () => ({}),
  NotifyCustomerInformation: () => ({}),
  NotifyDisplayMessages: () => ({}),
  NotifyEVChargingNeeds: () => ({ status: 'Accepted' }),
  NotifyEVChargingSchedule: () => ({ status: 'Accepted' }),
  ClearedChargingLimit: () => ({}),
  ReportChargingProfiles: () => ({}),
  ReservationStatusUpdate: () => ({}),
  SecurityEventNotification: () => ({}),
  FirmwareStatusNotification: () => ({}),
  PublishFirmwareStatusNotification: () => ({}),
  LogStatusNotification: () => ({}),
  MeterValues: () => ({}),
  TransactionEvent: () => ({}),
  Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
  SignCertificate: () => ({ status: 'Accepted' }),
  // the EXI CertificateInstallationRes needs the contract PKI of an MO: Failed, or a prepared response (ev-certificate.ts)
  Get15118EVCertificate: () => answerEvCertificate({}, undefined).response,
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
};
