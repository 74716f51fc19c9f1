export interface StationUri {
  secure: boolean;
  host: string;
  port: number;
  /** resource path ending in "/", without the identity */
  path: string;
  identity: string;
  /** what libocpp dials: scheme://host:port + path + identity, never percent-encoded */
  text: string;
  /** true when the configured URL already ended in /<identity> and that segment was dropped */
  identityStripped: boolean;
  /** true when the URL had no scheme and one was chosen from the security profile */
  schemeAdded: boolean;
}

export class UriError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UriError';
  }
}

const SCHEMES: [string, boolean][] = [
  ['wss://', true],
  ['ws://', false],
  ['http://', false],
  ['https://', true],
];

/**
 * The URL libocpp dials for a slot: a port of `Uri::parse_and_validate` (lib/ocpp/common/websocket/websocket_uri.cpp)
 * over websocketpp's uri parser (3rd_party/websocketpp_utils/uri.hpp). Schemes are case-sensitive there too.
 */
export function buildStationUri(csmsUrl: string, identity: string, securityProfile: number): StationUri {
  // a URL may carry user:password@ before the host; messages never show that part
  const shown = maskUserInfo(csmsUrl);
  if (csmsUrl === '') throw new UriError('OcppCsmsUrl is empty', 'set OcppCsmsUrl of the slot, e.g. wss://csms.example.com/ocpp/');
  if (identity === '')
    throw new UriError(
      'no identity: the slot Identity and SecurityCtrlr.Identity are both empty',
      'set Identity in the slot or SecurityCtrlr.Identity',
    );
  let uri = csmsUrl;
  const schemeAdded = !uri.includes('://');
  if (schemeAdded) uri = (securityProfile >= 2 ? 'wss://' : 'ws://') + uri;
  const scheme = SCHEMES.find(([s]) => uri.startsWith(s));
  if (!scheme)
    throw new UriError(
      `"${shown}" has a scheme libocpp does not dial (it takes ws://, wss://, http://, https://)`,
      'use ws:// for security profiles 0 and 1, wss:// for 2 and 3',
    );
  const [prefix, secure] = scheme;
  let rest = uri.slice(prefix.length);
  let host: string;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end < 0) throw new UriError(`"${shown}" has an unclosed IPv6 address`, 'write IPv6 hosts as [::1]');
    host = rest.slice(1, end);
    rest = rest.slice(end + 1);
    if (rest !== '' && !rest.startsWith('/') && !rest.startsWith(':'))
      throw new UriError(`"${shown}" is not a valid URL after the IPv6 address`, 'write [host]:port/path');
  } else {
    const end = rest.search(/[/:]/);
    host = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
  }
  let port = secure ? 443 : 80;
  if (rest.startsWith(':')) {
    const slash = rest.indexOf('/');
    const text = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    if (text !== '') {
      if (!/^\d+$/.test(text) || Number(text) === 0 || Number(text) > 65535)
        throw new UriError(`"${shown}" has an invalid port "${text}"`, 'use a port from 1 to 65535');
      port = Number(text);
    }
  }
  if (host === '') throw new UriError(`"${shown}" has no host`, 'write the CSMS host name or address after the scheme');

  if (!schemeAdded && securityProfile >= 0 && securityProfile <= 3 && secure !== securityProfile >= 2) {
    const s = prefix.slice(0, -3);
    throw new UriError(
      secure
        ? `secure scheme ${s}:// does not fit security profile ${securityProfile} (libocpp refuses this slot)`
        : `insecure scheme ${s}:// does not fit security profile ${securityProfile} (libocpp refuses this slot)`,
      secure
        ? 'use ws:// with security profiles 0 and 1, or raise SecurityProfile to 2 or 3'
        : 'use wss:// with security profiles 2 and 3, or lower SecurityProfile',
    );
  }
  if (!schemeAdded && (securityProfile < 0 || securityProfile > 3))
    throw new UriError(`security profile ${securityProfile} is not 0 to 3`, 'set SecurityProfile to 0, 1, 2 or 3');

  let path = '/' + (rest.startsWith('/') ? rest.slice(1) : rest);
  // libocpp: backwards compatibility, an identity already given as the last path segment is dropped
  const [withoutLast, last] = splitLastSegment(path);
  const identityStripped = last === identity;
  if (identityStripped) path = withoutLast;
  if (!path.endsWith('/')) path += '/';
  const hostText = host.includes(':') ? `[${host}]` : host;
  const text = `${secure ? 'wss' : 'ws'}://${hostText}:${port}${path}${identity}`;
  return { secure, host, port, path, identity, text, identityStripped, schemeAdded };
}

function splitLastSegment(path: string): [string, string] {
  if (path === '/') return ['/', ''];
  let p = path;
  if (p.endsWith('/')) p = p.slice(0, -1);
  const slash = p.lastIndexOf('/');
  return [p.slice(0, slash + 1), p.slice(slash + 1)];
}

/** The URL with any `user:password@` before the host replaced by `***@`, for messages and logs. */
export function maskUserInfo(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?([^/?#@]*)@/, (_, scheme: string | undefined) => `${scheme ?? ''}***@`);
}
