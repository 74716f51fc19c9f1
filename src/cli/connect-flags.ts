import { OcppctlError } from '../errors.js';
import { UriError, buildStationUri, maskUserInfo } from '../protocol/station-uri.js';

export interface EndpointFlags {
  url?: string;
  identity?: string;
  passwordEnv?: string;
}

/** A --url that libocpp could never dial is the user's typing mistake: an input error before any dialling. */
export function checkUrlFlag(url: string | undefined): void {
  if (url === undefined) return;
  try {
    // only the URL's own syntax is checked here: a profile that fits its scheme, so that whether the scheme fits the
    // slot's profile is left to the dial, which names the slot
    buildStationUri(url, 'station', /^wss:/i.test(url.trim()) ? 2 : 1);
  } catch (err) {
    if (err instanceof UriError)
      throw new OcppctlError('USAGE', `--url ${JSON.stringify(maskUserInfo(url))}: ${err.message.replace(/^"[^"]*" /, '')}; ${err.hint}`);
    throw err;
  }
}

/**
 * The library's hints name the slot's variables; where a flag supplied the value, the hint names the flag, since
 * fixing the slot would change nothing.
 */
export function hintForFlags(hint: string, flags: EndpointFlags): string {
  let h = hint;
  if (flags.url) h = h.replace(/OcppCsmsUrl of (?:the )?slot(?: \d+)?/g, '--url');
  if (flags.passwordEnv)
    h = h.replace(
      /BasicAuthPassword of slot \d+(?: \(else SecurityCtrlr\.BasicAuthPassword\))?/g,
      `the password in ${flags.passwordEnv} (--password-env)`,
    );
  if (flags.identity) h = h.replace(/\b(?:the )?Identity\b/g, '--identity');
  return h;
}
