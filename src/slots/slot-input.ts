// Checks on values a user types for a slot: the same limits libocpp applies when it stores or uses them.

export const SECURITY_PROFILES = [
  {
    value: 0,
    name: '0: no security',
    description: 'plain ws://, no authentication; libocpp refuses it unless InternalCtrlr.AllowSecurityLevelZeroConnections is true',
  },
  { value: 1, name: '1: basic auth', description: 'ws:// with HTTP basic authentication (identity + password), no encryption' },
  { value: 2, name: '2: TLS + basic auth', description: 'wss:// with a CSMS certificate check and HTTP basic authentication' },
  { value: 3, name: '3: mutual TLS', description: 'wss:// with a client certificate on the station; no password' },
] as const;

export const INTERFACES = ['Wired0', 'Wired1', 'Wired2', 'Wired3', 'Wireless0', 'Wireless1', 'Wireless2', 'Wireless3', 'Any'] as const;
export const TRANSPORTS = ['JSON', 'SOAP'] as const;

// libocpp's NetworkConnectionProfile: URL CiString<2000>, identity CiString<48>, password 16..64 (slot limits)
export const URL_MAX = 2000;
export const IDENTITY_MAX = 48;
export const PASSWORD_MIN = 16;
export const PASSWORD_MAX = 64;

const printableAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** Why a URL does not fit a security profile, or undefined when it does. */
export function urlProblem(url: string, profile: number | undefined): string | undefined {
  if (url === '') return 'the URL is empty';
  if (url.length > URL_MAX) return `the URL has ${url.length} characters; libocpp allows ${URL_MAX}`;
  if (!printableAscii(url)) return 'the URL must be printable ASCII (libocpp stores it as a CiString)';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL; expected ws://host[:port]/path or wss://…';
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `the scheme must be ws:// or wss://, not ${parsed.protocol}//`;
  if (!parsed.hostname) return 'the URL has no host';
  if (profile !== undefined) {
    const secure = profile >= 2;
    // libocpp refuses a wss:// URL below profile 2 and a ws:// URL at profile 2 or 3 (websocket_uri.cpp)
    if (secure && parsed.protocol === 'ws:') return `security profile ${profile} needs a wss:// URL`;
    if (!secure && parsed.protocol === 'wss:') return `security profile ${profile} needs a ws:// URL (use profile 2 or 3 for wss://)`;
  }
  return undefined;
}

export function identityProblem(id: string): string | undefined {
  if (id.length > IDENTITY_MAX) return `the identity has ${id.length} characters; a slot allows ${IDENTITY_MAX}`;
  // OCPP identifierString; ':' is legal there but is the user/password separator of basic auth
  if (!/^[A-Za-z0-9*\-_=+|@.]*$/.test(id)) return 'the identity may hold only letters, digits and * - _ = + | @ .';
  return undefined;
}

/** Never includes the password itself. */
export function passwordProblem(pw: string): string | undefined {
  if (pw.length < PASSWORD_MIN || pw.length > PASSWORD_MAX)
    return `the password has ${pw.length} characters; a slot needs ${PASSWORD_MIN} to ${PASSWORD_MAX}`;
  if (!printableAscii(pw)) return 'the password must be printable ASCII';
  return undefined;
}
