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
