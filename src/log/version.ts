import type { LogVersion, SessionInfo } from './record.js';
import type { SessionFiles } from './files.js';
import { eachChunk } from './lines.js';
import { OcppctlError } from '../errors.js';

// once OCPP 2.x is certain, this much more text is searched for a message only 2.1 has
const SCAN_2X = 16 * 1024 * 1024;

// Evidence in the text of a log, found by a fast scan of the raw bytes before the frames are read (the schema
// check needs the version from the first frame on). Frames are JSON, pretty-printed or not: `"key": ` or `"key":`.
const V16 =
  /"(chargePointVendor|chargePointModel|StartTransaction|StopTransaction|GetConfiguration|ChangeConfiguration|RemoteStartTransaction|RemoteStopTransaction|DiagnosticsStatusNotification|GetDiagnostics)"/;
const V2X = /"(chargingStation|TransactionEvent|NotifyReport|GetBaseReport|GetVariables|SetVariables|NotifyEvent|evseId|transactionInfo)"/;
// actions that OCPP 2.1 added
const V21 =
  /"(NotifyPeriodicEventStream|OpenPeriodicEventStream|ClosePeriodicEventStream|GetPeriodicEventStream|AdjustPeriodicEventStream|SetDERControl|GetDERControl|ClearDERControl|ReportDERControl|NotifyDERAlarm|NotifyDERStartStop|NotifyAllowedEnergyTransfer|NotifySettlement|NotifyWebPaymentStarted|NotifyQRCodeScanned|RequestBatterySwap|BatterySwap|ChangeTransactionTariff|ClearTariffs|GetTariffs|SetDefaultTariff|UsePriorityCharging|UpdateDynamicSchedule|PullDynamicScheduleUpdate|VatNumberValidation|AFRRSignal|NotifyPriorityCharging|GetCertificateChainStatus)"/;
// the raw frames of 2.1's CALLRESULTERROR and SEND
const V21_TYPES = /\[\s*[56]\s*,\s*"/;

/** The OCPP version of a session: given, from libocpp's rotated file names, or from what its payloads hold. */
export async function sessionVersion(session: SessionFiles, given?: LogVersion): Promise<SessionInfo> {
  const name = session.name;
  if (given) return { name, version: given, versionSource: '--ocpp', certainty: 'given' };
  let v16: string | undefined;
  let v2x: string | undefined;
  let v21: string | undefined;
  let after2x = 0;
  const enough = () => Boolean(v16 || v21 || (v2x && after2x > SCAN_2X));
  for (const f of session.files) {
    if (f.format === 'security') continue;
    // the tail keeps a match that straddles two chunks
    let tail = '';
    await eachChunk(f.path, (chunk) => {
      const text = tail + chunk;
      // once a chunk showed OCPP 2.x, only 2.1 is still in question
      if (!v2x) v16 ??= V16.exec(text)?.[1];
      v2x ??= V2X.exec(text)?.[1];
      v21 ??= V21.exec(text)?.[1] ?? (V21_TYPES.test(text) ? 'message type 5/6' : undefined);
      if (v2x) after2x += text.length;
      tail = text.slice(-64);
      return enough();
    }).catch((err: NodeJS.ErrnoException) => {
      throw new OcppctlError('INPUT', `cannot read ${f.file} (${err.code ?? err.message})`);
    });
    if (enough()) break;
  }
  if (v16) return { name, version: '1.6', versionSource: `inferred from "${v16}" in the payloads`, certainty: 'sure' };
  if (v21)
    return {
      name,
      version: '2.1',
      versionSource: `inferred from ${v21.startsWith('message') ? v21 : `"${v21}"`}, which only OCPP 2.1 has`,
      certainty: 'sure',
    };
  if (/libocpp_16/.test(name))
    return { name, version: '1.6', versionSource: 'inferred from the file name libocpp_16', certainty: 'likely' };
  if (v2x)
    return {
      name,
      version: '2.0.1',
      versionSource: `inferred from "${v2x}" (OCPP 2.x) and no message only 2.1 has${after2x > SCAN_2X ? ' in the first 16 MB' : ''}`,
      certainty: 'likely',
    };
  return { name, version: '2.0.1', versionSource: 'nothing in the payloads tells; assumed (give --ocpp)', certainty: 'guess' };
}
