import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, lstat, readFile, rename, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { OcppctlError } from '../errors.js';
import { siblingPath } from '../files/sibling-path.js';
import { writeNewFile } from '../files/new-file.js';
import { makeDirs } from '../files/make-dirs.js';
import { acquireTreeLock } from '../files/tree-lock.js';
import type { LockOptions } from '../files/tree-lock.js';
import { issueCertificate } from './test-pki.js';
import type { KeyPair, TestPki } from './test-pki.js';

export const PKI_DIR_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
} as const;

export interface PkiDirOptions {
  /** re-make every file, valid or not */
  force?: boolean;
  /** CN of the client certificate */
  identity?: string;
  /** the address the CSMS listens on: the server certificate must name it (besides localhost, 127.0.0.1 and ::1) */
  host?: string;
  now?: Date;
  /**
   * Held while the files are read and made (the folder's .ocppctl-lock), so that two CSMS started on one folder do
   * not each make a CA: the second waits and reuses what the first made.
   */
  lock?: LockOptions;
}

export interface PkiDirResult {
  pki: TestPki;
  /** SHA-256 fingerprint of the CA certificate, colon-separated hex */
  caFingerprint: string;
  /** one entry per certificate: what was reused, and what was made and why */
  reused: string[];
  made: { what: string; why: string }[];
}

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
// a wildcard listen address is not a name a station dials
const ANY = new Set(['0.0.0.0', '::', '']);

interface Loaded {
  pair: KeyPair;
  /** the leaf, or the CA itself */
  x509: X509Certificate;
}

/**
 * The CA, server and client certificate of `csms --self-signed DIR`, kept across restarts: a station set up
 * against this CA keeps working. What is missing, unreadable, expired or no longer signed by the CA is made
 * again; a new CA makes everything it signed new too. Private keys are written owner-only.
 */
export async function ensurePkiDir(dir: string, opts: PkiDirOptions = {}): Promise<PkiDirResult> {
  try {
    makeDirs(dir, 0o700);
  } catch (err) {
    throw new OcppctlError(
      'INPUT',
      `cannot create --self-signed folder ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const lock = opts.lock ? await acquireTreeLock(dir, opts.lock) : undefined;
  try {
    return await fillPkiDir(dir, opts);
  } finally {
    lock?.release();
  }
}

async function fillPkiDir(dir: string, opts: PkiDirOptions): Promise<PkiDirResult> {
  const now = opts.now ?? new Date();
  const identity = opts.identity ?? 'cp001';
  const names = [...LOOPBACK];
  if (opts.host && !ANY.has(opts.host) && !names.includes(opts.host)) names.push(opts.host);
  const reused: string[] = [];
  const made: { what: string; why: string }[] = [];
  const F = PKI_DIR_FILES;

  let ca = opts.force ? { why: '--force' } : await load(dir, F.ca, F.caKey, now);
  if (!('pair' in ca) || !ca.x509.ca) {
    const why = 'pair' in ca ? `${F.ca} is not a CA certificate` : ca.why;
    const pair = await issueCertificate({
      cn: 'ocppctl test CA',
      usage: 'ca',
      notAfter: new Date(now.getTime() + 3650 * DAY),
      notBefore: new Date(now.getTime() - DAY),
    });
    ca = { pair, x509: new X509Certificate(pair.cert) };
    await writePem(join(dir, F.ca), pair.cert, false);
    await writePem(join(dir, F.caKey), pair.key, true);
    made.push({ what: `${F.ca} + ${F.caKey} (CA)`, why });
  } else {
    reused.push(`${F.ca} + ${F.caKey} (CA)`);
    await ownerOnly(join(dir, F.caKey));
  }
  const caPair = ca.pair;
  const caX509 = ca.x509;
  const caIsNew = made.length > 0;

  const leaf = async (
    certFile: string,
    keyFile: string,
    label: string,
    fits: (x: X509Certificate) => string | undefined,
    issue: () => Promise<KeyPair>,
  ) => {
    let why: string | undefined = opts.force ? '--force' : caIsNew ? 'the CA is new' : undefined;
    let found: Loaded | undefined;
    if (!why) {
      const got = await load(dir, certFile, keyFile, now);
      if (!('pair' in got)) why = got.why;
      else if (!got.x509.checkIssued(caX509) || !got.x509.verify(caX509.publicKey)) why = `${certFile} is not signed by ${F.ca}`;
      else why = fits(got.x509);
      if (!why && 'pair' in got) found = got;
    }
    const what = `${certFile} + ${keyFile} (${label})`;
    if (found) {
      reused.push(what);
      await ownerOnly(join(dir, keyFile));
      return { cert: leafOf(found.pair.cert), key: found.pair.key };
    }
    const pair = await issue();
    // the chain a TLS peer needs: leaf, then the CA
    await writePem(join(dir, certFile), pair.cert + caPair.cert, false);
    await writePem(join(dir, keyFile), pair.key, true);
    made.push({ what, why: why ?? '' });
    return pair;
  };
  const validity = { notBefore: new Date(now.getTime() - DAY), notAfter: new Date(now.getTime() + 825 * DAY) };
  const server = await leaf(
    F.serverCert,
    F.serverKey,
    names.join(', '),
    (x) => {
      const missing = names.find((n) => !(isIP(n) ? x.checkIP(n) : x.checkHost(n)));
      return missing && `${F.serverCert} does not name ${missing}`;
    },
    () =>
      issueCertificate({
        cn: 'localhost',
        ca: caPair,
        dnsNames: names.filter((n) => !isIP(n)),
        ips: names.filter((n) => isIP(n)),
        ...validity,
      }),
  );
  const client = await leaf(
    F.clientCert,
    F.clientKey,
    `CN ${identity}`,
    (x) => (x.subject.split('\n').includes(`CN=${identity}`) ? undefined : `${F.clientCert} is not for CN ${identity}`),
    () => issueCertificate({ cn: identity, ca: caPair, usage: 'client', ...validity }),
  );
  return { pki: { ca: caPair, server, client }, caFingerprint: caX509.fingerprint256, reused, made };
}

const DAY = 86_400_000;

const leafOf = (chain: string) => {
  const end = chain.indexOf('-----END CERTIFICATE-----');
  return end < 0 ? chain : chain.slice(0, end + '-----END CERTIFICATE-----'.length) + '\n';
};

async function load(dir: string, certFile: string, keyFile: string, now: Date): Promise<Loaded | { why: string }> {
  const read = async (name: string): Promise<{ text: string } | { why: string }> => {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (!st) return { why: `${name} is missing` };
    // a FIFO or a device would block the read; a symlink could point anywhere
    if (!st.isFile()) return { why: `${name} is not a regular file` };
    try {
      return { text: await readFile(path, 'utf8') };
    } catch (err) {
      return { why: `${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    }
  };
  const cert = await read(certFile);
  if (!('text' in cert)) return cert;
  const key = await read(keyFile);
  if (!('text' in key)) return key;
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert.text);
  } catch {
    return { why: `${certFile} is not a PEM certificate` };
  }
  try {
    if (!x509.checkPrivateKey(createPrivateKey(key.text))) return { why: `${keyFile} is not the key of ${certFile}` };
  } catch {
    return { why: `${keyFile} is not a PEM private key` };
  }
  if (new Date(x509.validTo).getTime() <= now.getTime())
    return { why: `${certFile} expired on ${new Date(x509.validTo).toISOString().slice(0, 10)}` };
  if (new Date(x509.validFrom).getTime() > now.getTime())
    return { why: `${certFile} is not valid before ${new Date(x509.validFrom).toISOString().slice(0, 10)}` };
  return { pair: { cert: cert.text, key: key.text }, x509 };
}

/** Temp file and rename; a key is created 0600 whatever mode the file it replaces had. */
async function writePem(path: string, text: string, secret: boolean): Promise<void> {
  const tmp = siblingPath(path, 'tmp');
  try {
    await writeNewFile(tmp, text, { secret });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new OcppctlError('INPUT', `cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

// a key reused from an older run (or copied in by hand) may be group- or world-readable
async function ownerOnly(path: string): Promise<void> {
  const st = await lstat(path);
  // not ours to change (another user's file): the CSMS still runs, as it would have before
  if ((st.mode & 0o077) !== 0) await chmod(path, 0o600).catch(() => undefined);
}
