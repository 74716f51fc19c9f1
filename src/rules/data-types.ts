import { attributes, describeKey, joinPointer, storedTextAt } from '../model/index.js';
import type { Variable } from '../model/index.js';

// libocpp's string_to_data_enum accepts exactly these, case-sensitively; anything else throws while the
// initializer reads the file, and the station does not start.
export const DATA_TYPES = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const isDataType = (s: unknown): s is DataType => typeof s === 'string' && (DATA_TYPES as readonly string[]).includes(s);
export const isListType = (t: DataType) => t === 'OptionList' || t === 'SequenceList' || t === 'MemberList';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Characteristics {
  dataType?: DataType;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  supportsMonitoring?: boolean;
  pointer: string;
}

const characteristicsOf = new WeakMap<Variable, Characteristics>();

/** The characteristics as far as they have the types libocpp needs; wrong types are component-schema's to report. */
export function characteristics(variable: Variable): Characteristics {
  let c = characteristicsOf.get(variable);
  if (!c) characteristicsOf.set(variable, (c = readCharacteristics(variable)));
  return c;
}

function readCharacteristics(variable: Variable): Characteristics {
  const c = variable.data.characteristics;
  const pointer = joinPointer(variable.pointer, 'characteristics');
  if (!isObject(c)) return { pointer };
  return {
    pointer,
    dataType: isDataType(c.dataType) ? c.dataType : undefined,
    minLimit: typeof c.minLimit === 'number' ? c.minLimit : undefined,
    maxLimit: typeof c.maxLimit === 'number' ? c.maxLimit : undefined,
    valuesList: typeof c.valuesList === 'string' ? c.valuesList : undefined,
    supportsMonitoring: typeof c.supportsMonitoring === 'boolean' ? c.supportsMonitoring : undefined,
  };
}

export interface WrittenValue {
  /** The JSON value as written. */
  raw: unknown;
  /** The text libocpp stores for it. */
  text: string;
  pointer: string;
  /** "the Actual value", "the default", ... for messages. */
  label: string;
  /** Never echo this value: a password, key or write-only attribute. */
  secret: boolean;
}

// WriteOnly attributes cannot be read back over OCPP for a reason; the names cover the slot and SecurityCtrlr
// secrets (BasicAuthPassword, ApnPassword, VpnPassword, VpnKey, SimPin) and private keys.
const SECRET_NAME = /password|secret|passphrase|privatekey|(^|[a-z])key$|pin$/i;

export function isSecretVariable(variable: Variable): boolean {
  return SECRET_NAME.test(variable.name) || attributes(variable).some((a) => a.data.mutability === 'WriteOnly');
}

const written = new WeakMap<Variable, WrittenValue[]>();

/** Every value libocpp reads for a variable: each attribute's `value`, then the variable's `default`. */
export function writtenValues(variable: Variable): WrittenValue[] {
  let values = written.get(variable);
  if (!values) written.set(variable, (values = readValues(variable)));
  return values;
}

function readValues(variable: Variable): WrittenValue[] {
  const file = variable.component.source;
  const secret = isSecretVariable(variable);
  const out: WrittenValue[] = [];
  for (const a of attributes(variable)) {
    if (!('value' in a.data)) continue;
    const pointer = joinPointer(a.pointer, 'value');
    const type = typeof a.data.type === 'string' ? a.data.type : 'untyped';
    out.push({ raw: a.data.value, text: storedTextAt(file, pointer, a.data.value), pointer, label: `the ${type} value`, secret });
  }
  if ('default' in variable.data) {
    const pointer = joinPointer(variable.pointer, 'default');
    out.push({
      raw: variable.data.default,
      text: storedTextAt(file, pointer, variable.data.default),
      pointer,
      label: 'the default',
      secret,
    });
  }
  return out;
}

/** "OCPPCommCtrlr.HeartbeatInterval" or "EVSE (evse 1).Power", as the other rules name variables. */
export const variableName = (v: Variable) =>
  `${describeKey(v.component.key)}.${v.name}${v.instance !== undefined ? ` (instance ${v.instance})` : ''}`;

/** A value for a message: quoted and shortened, or a length only when it is secret. */
export function show(value: WrittenValue): string {
  if (value.secret) return `(${[...value.text].length} characters, not shown)`;
  const chars = [...value.text];
  return JSON.stringify(chars.length > 60 ? `${chars.slice(0, 57).join('')}...` : value.text);
}

// libocpp's is_integer: an optional sign and digits only, so "+", "-" and "007" pass but "1e3" and "1.0" fail
export const libocppInteger = (s: string) => s !== '' && /^[+-]?\d*$/.test(s);
// libocpp's is_decimal_number: an optional sign, digits and at most one '.', so "." passes but "1e-3" fails
export const libocppDecimal = (s: string) => s !== '' && /^[+-]?\d*\.?\d*$/.test(s);
// libocpp's is_rfc3339_datetime regex; the time zone is optional there
export const libocppDateTime = (s: string) =>
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})?$/.test(s);
// libocpp's is_boolean at start-up ignores case; its run-time validate_value wants exactly true or false
export const libocppBoolean = (s: string) => /^(true|false)$/i.test(s);

/** A canonical OCPP integer: what every CSMS parses the same way. */
export const canonicalInteger = (s: string) => /^-?(0|[1-9]\d*)$/.test(s);
export const canonicalDecimal = (s: string) => /^-?(0|[1-9]\d*)(\.\d+)?$/.test(s);

/** Why a dateTime value that libocpp's regex accepted is still not an RFC 3339 date-time, or undefined. */
export function rfc3339Problem(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return 'is not an RFC 3339 date-time';
  const [, y, mo, d, zone] = m;
  const year = Number(y);
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    Number(mo) - 1
  ];
  if (Number(d) > days) return `names day ${Number(d)} of a month with ${days} days`;
  if (zone === undefined) return 'has no time zone (RFC 3339 needs Z or an offset such as +01:00)';
  if (!zone.includes(':') && zone !== 'Z') return 'writes its offset without a colon (RFC 3339 needs +hh:mm)';
  return undefined;
}

/** Items of a comma-separated list the way libocpp's split_string (std::getline) cuts it: no trimming, no empty last item. */
export function listItems(s: string): string[] {
  const items = s.split(',');
  if (items[items.length - 1] === '') items.pop();
  return items;
}
