import type { ErrorObject } from 'ajv';
import type { ErrorCode, Payload } from './framing.js';
import { formatCode, occurrenceCode } from './framing.js';
import type { MessageValidator } from './generated/ocpp21-validators.js';
import type { OcppVersion } from './versions.js';

export type MessageKind = 'Request' | 'Response';

export interface Violation {
  code: ErrorCode;
  /** e.g. `/chargingStation/model must NOT have more than 20 characters` */
  message: string;
}

export interface MessageSchemas {
  version: OcppVersion;
  has(action: string): boolean;
  /** undefined when valid */
  check(action: string, kind: MessageKind, payload: Payload): Violation | undefined;
}

/** The validator of one action's request or response, when the version has that action. */
export type ValidatorLookup = (action: string, kind: MessageKind) => MessageValidator | undefined;

const cache = new Map<OcppVersion, Promise<MessageSchemas>>();

/** The generated 2.x validators are large, so each version's module loads on first use only; 1.6 compiles per action. */
export function loadSchemas(version: OcppVersion): Promise<MessageSchemas> {
  let p = cache.get(version);
  if (!p) {
    p =
      version === '1.6'
        ? import('./schemas16.js').then((mod) => mod.validators16()).then((lookup) => makeSchemas(version, lookup))
        : (version === '2.0.1' ? import('./generated/ocpp201-validators.js') : import('./generated/ocpp21-validators.js')).then((mod) => {
            // a module namespace is slow to look names up in, and `log check` looks up one per frame: a Map, once
            const byName = new Map(Object.entries(mod as unknown as Record<string, MessageValidator>));
            return makeSchemas(version, (action, kind) => byName.get(action + kind));
          });
    cache.set(version, p);
  }
  return p;
}

function makeSchemas(version: OcppVersion, get: ValidatorLookup): MessageSchemas {
  return {
    version,
    has: (action) => get(action, 'Request') !== undefined,
    check(action, kind, payload) {
      const validate = get(action, kind);
      if (!validate) return { code: 'NotImplemented', message: `${action} is not an OCPP ${version} message` };
      if (validate(payload)) return undefined;
      const err = validate.errors![0];
      return { code: errorCodeFor(err, version), message: describe(err) };
    },
  };
}

// OCPP-J part 4 §4.3: which CALLERROR code names which kind of payload defect
function errorCodeFor(err: ErrorObject, version: OcppVersion): ErrorCode {
  switch (err.keyword) {
    case 'required':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return occurrenceCode(version);
    case 'type':
      // a payload that is not even an object does not conform to the PDU at all
      return err.instancePath === '' ? formatCode(version) : 'TypeConstraintViolation';
    case 'additionalProperties':
      return formatCode(version);
    default:
      // enum, maxLength, minimum, format, pattern, …: right type, value out of bounds
      return 'PropertyConstraintViolation';
  }
}

function describe(err: ErrorObject): string {
  const where = err.instancePath || '(payload)';
  if (err.keyword === 'additionalProperties')
    return `${where} has unknown property "${(err.params as { additionalProperty: string }).additionalProperty}"`;
  if (err.keyword === 'enum') return `${where} must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where} ${err.message ?? 'is invalid'}`;
}
