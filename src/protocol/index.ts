export { OcppConnection, BadAnswerError, CallError, CallTimeoutError, PeerViolationError, ConnectionClosedError } from './connection.js';
export type { ConnectionOptions, Handler, LoggedMessage } from './connection.js';
export { parseFrame, serializeFrame, FrameError, occurrenceCode, CALL, CALLRESULT, CALLERROR, CALLRESULTERROR, SEND } from './framing.js';
export type { Frame, Payload, ErrorCode } from './framing.js';
export { loadSchemas } from './validation.js';
export type { MessageSchemas, Violation, MessageKind } from './validation.js';
export { dial, DialError, classifyTlsError, checkHost } from './dial.js';
export type { DialOptions, DialResult, DialStep, FailureClass, StepReport, ServerCertificate } from './dial.js';
export { redactPayload } from './redact.js';
export { OCPP_VERSIONS, subprotocolOf, versionOfSubprotocol } from './versions.js';
export type { OcppVersion } from './versions.js';
export { buildStationUri, UriError } from './station-uri.js';
export type { StationUri } from './station-uri.js';
export { StationModel, valueProblem } from './station-model.js';
// slot-endpoint.ts (slots → endpoints) is imported directly by `connect`, so that csms never loads the slot and rule modules
export { connectSlot, offeredSubprotocols } from './station-connect.js';
export type {
  Check,
  CheckStep,
  ConnectOptions,
  ConnectResult,
  SlotEndpoint,
  TlsFiles,
  FailureClass as ConnectFailure,
} from './station-connect.js';
export { printable, safeJson, shorten, LOG_TEXT_LIMIT } from './log-text.js';
export { DEFAULT_MAX_FRAME_BYTES } from './socket-errors.js';
