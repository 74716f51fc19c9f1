import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OcppctlError } from '../errors.js';
import type { Io } from './io.js';

/**
 * The password named by `--password-env VAR`. Secrets never come from the command line itself, where
 * they would end up in shell history and in `ps`.
 */
export function readPasswordEnv(name: string | undefined, env: Io['env']): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name];
  if (value === undefined || value === '')
    throw new OcppctlError('USAGE', `--password-env ${name}: the environment variable ${name} is not set or empty`);
  return value;
}

/** A file named by an option (certificate, key, CA bundle), relative to the working directory. */
export function readOptionFile(io: Io, flag: string, file: string): string {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw new OcppctlError('INPUT', `${flag} ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** `--max-file-size`: a whole number of bytes, or with a K, M or G suffix (powers of 1024). */
export function parseByteCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\s*([KMG]i?B?)?$/i.exec(value.trim());
  const n = m ? Number(m[1]) * 1024 ** (m[2] ? 'KMG'.indexOf(m[2][0].toUpperCase()) + 1 : 0) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new OcppctlError('USAGE', `${flag} needs a number of bytes ≥ 1 (such as 1048576 or 64M), got "${value}"`);
  return n;
}

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
