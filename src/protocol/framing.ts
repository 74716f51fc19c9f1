import type { OcppVersion } from './versions.js';

// OCPP-J message type ids (part 4 §4.1); 5 and 6 exist only in OCPP 2.1
export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;
export const CALLRESULTERROR = 5;
export const SEND = 6;

export type Payload = Record<string, unknown>;

export type Frame =
  | { type: typeof CALL; id: string; action: string; payload: Payload }
  | { type: typeof CALLRESULT; id: string; payload: Payload }
  | { type: typeof CALLERROR | typeof CALLRESULTERROR; id: string; code: string; description: string; details: Payload }
  | { type: typeof SEND; id: string; action: string; payload: Payload };

export type ErrorCode =
  | 'FormatViolation'
  | 'FormationViolation'
  | 'GenericError'
  | 'InternalError'
  | 'MessageTypeNotSupported'
  | 'NotImplemented'
  | 'NotSupported'
  | 'OccurrenceConstraintViolation'
  | 'OccurenceConstraintViolation'
  | 'PropertyConstraintViolation'
  | 'ProtocolError'
  | 'RpcFrameworkError'
  | 'SecurityError'
  | 'TypeConstraintViolation';

// 2.0.1 kept the misspelling "Occurence" of the 1.6 specification; 2.1 corrected it. 1.6 itself sends
// "OccurrenceConstraintViolation" and "FormationViolation", as OCPP-J 1.6 errata v1.0 §5 settles (and ocpp-rpc does).
export const occurrenceCode = (v: OcppVersion): ErrorCode =>
  v === '2.0.1' ? 'OccurenceConstraintViolation' : 'OccurrenceConstraintViolation';
export const formatCode = (v: OcppVersion): ErrorCode => (v === '1.6' ? 'FormationViolation' : 'FormatViolation');

/** A frame that cannot be read; `id` is "-1" when the message id itself could not be read (part 4 §4.2.3). */
export class FrameError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

// MessageId is at most 36 characters in every version (1.6: UniqueId; 2.x: CiString36)
const MAX_ID_LENGTH = 36;
// The deepest OCPP 2.x payload nests about 8 levels; validation, redaction and logging walk payloads
// recursively, so a peer's 100,000-deep array would otherwise overflow the stack.
export const MAX_PAYLOAD_DEPTH = 64;

function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

export function parseFrame(text: string, version: OcppVersion): Frame {
  // OCPP 1.6 has neither RpcFrameworkError nor MessageTypeNotSupported; its catch-all is GenericError
  const framework: ErrorCode = version === '1.6' ? 'GenericError' : 'RpcFrameworkError';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FrameError(framework, '-1', 'message is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length < 3) throw new FrameError(framework, '-1', 'message is not an OCPP-J array');
  const data = parsed as unknown[];
  const [type, id] = data;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH)
    throw new FrameError(framework, '-1', 'message id is not a string of 1 to 36 characters');
  const known = version === '2.1' ? [CALL, CALLRESULT, CALLERROR, CALLRESULTERROR, SEND] : [CALL, CALLRESULT, CALLERROR];
  if (!known.includes(type as number))
    throw new FrameError(
      version === '1.6' ? 'GenericError' : 'MessageTypeNotSupported',
      id,
      `message type ${JSON.stringify(type)} is not supported by OCPP ${version}`,
    );
  const isObject = (x: unknown): x is Payload => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (nestsDeeperThan(data, MAX_PAYLOAD_DEPTH))
    throw new FrameError(formatCode(version), id, `the message nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
  switch (type) {
    case CALL:
    case SEND: {
      const [, , action, payload] = data;
      if (data.length !== 4 || typeof action !== 'string') throw new FrameError(framework, id, 'a CALL is [2, id, action, payload]');
      if (!isObject(payload)) throw new FrameError(formatCode(version), id, 'the payload is not a JSON object');
      return { type, id, action, payload };
    }
    case CALLRESULT: {
      const payload = data[2];
      if (data.length !== 3 || !isObject(payload)) throw new FrameError(framework, id, 'a CALLRESULT is [3, id, payload object]');
      return { type, id, payload };
    }
    default: {
      const [, , code, description, details] = data;
      if (data.length !== 5 || typeof code !== 'string' || typeof description !== 'string' || !isObject(details))
        throw new FrameError(framework, id, 'a CALLERROR is [4, id, code, description, details]');
      return { type: type as typeof CALLERROR | typeof CALLRESULTERROR, id, code, description, details };
    }
  }
}

export function serializeFrame(frame: Frame): string {
  switch (frame.type) {
    case CALL:
    case SEND:
      return JSON.stringify([frame.type, frame.id, frame.action, frame.payload]);
    case CALLRESULT:
      return JSON.stringify([frame.type, frame.id, frame.payload]);
    default:
      return JSON.stringify([frame.type, frame.id, frame.code, frame.description.slice(0, 255), frame.details]);
  }
}
