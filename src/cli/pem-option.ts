// Only connect and csms read PEM files: this module (and node:crypto with it) loads when they run, never at start-up.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { OcppctlError } from '../errors.js';
import { readOptionFile } from './inputs.js';
import type { Io } from './io.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * A certificate, CA bundle or private key named by an option, checked at once: a file that is not PEM (a DER file,
 * a key given for a certificate, a truncated copy) is an input error naming the flag, not a TLS failure later
 * that reads like an unknown CA.
 */
export function readPemOption(io: Io, flag: string, file: string): string {
  const text = readOptionFile(io, flag, file);
  const wantsKey = /key/.test(flag);
  const blocks = [...text.matchAll(PEM_BLOCK)];
  const what = wantsKey ? 'a private key' : 'a certificate';
  if (blocks.length === 0)
    throw new OcppctlError('INPUT', `${flag} ${file}: not a PEM file (expected ${what} between -----BEGIN and -----END lines)`);
  try {
    if (wantsKey) {
      const key = blocks.find((b) => b[1].endsWith('PRIVATE KEY'));
      if (!key) throw new Error(`it holds ${blocks.map((b) => b[1]).join(', ')}, not a PRIVATE KEY`);
      createPrivateKey(key[0]);
    } else {
      const certs = blocks.filter((b) => b[1] === 'CERTIFICATE' || b[1] === 'TRUSTED CERTIFICATE');
      if (certs.length === 0) throw new Error(`it holds ${blocks.map((b) => b[1]).join(', ')}, not a CERTIFICATE`);
      for (const c of certs) new X509Certificate(c[0]);
    }
  } catch (err) {
    const why = (err as Error).message.replace(/^error:[0-9A-F]+:[^:]*:[^:]*:/i, '');
    throw new OcppctlError('INPUT', `${flag} ${file}: not ${what} in PEM form (${why})`);
  }
  return text;
}
