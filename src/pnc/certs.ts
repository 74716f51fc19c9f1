// The certificates EvseSecurity reads for Plug&Charge, checked with node's X509Certificate and crypto.
// Private keys and their password are read, never returned or printed.
import type * as NodeCrypto from 'node:crypto';
import type { KeyObject, X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

// node:crypto takes ~4 ms to load, and validate --everest-config imports this module for its MO root check,
// which reads a certificate only when the file is there: loaded on first use
let cryptoModule: typeof NodeCrypto | undefined;
const crypto = () => (cryptoModule ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto);

export type CertSeverity = 'error' | 'warning' | 'info';

export interface CertFinding {
  severity: CertSeverity;
  /** The file the finding is about, relative to the certificates folder when inside it. */
  file: string;
  message: string;
}

export interface CertSummary {
  role: 'V2G root' | 'MO root' | 'CSMS root' | 'SECC leaf' | 'SECC sub-CA';
  file: string;
  subject: string;
  notAfter: string;
  daysLeft: number;
}

/** EvseSecurity's paths (its config keys), relative to the certificates folder unless absolute. */
export interface CertPaths {
  v2gCaBundle: string;
  moCaBundle: string;
  csmsCaBundle: string;
  seccLeafCertDirectory: string;
  seccLeafKeyDirectory: string;
}

export const DEFAULT_CERT_PATHS: CertPaths = {
  v2gCaBundle: 'ca/v2g/V2G_ROOT_CA.pem',
  moCaBundle: 'ca/mo/MO_ROOT_CA.pem',
  csmsCaBundle: 'ca/csms/CSMS_ROOT_CA.pem',
  seccLeafCertDirectory: 'client/cso',
  seccLeafKeyDirectory: 'client/cso',
};

export interface CertCheck {
  certificates: CertSummary[];
  findings: CertFinding[];
  /** Whether an MO root was found (without one, contracts are validated only centrally). */
  hasMoRoot: boolean;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const PEM_KEY = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/;
const DAY = 86_400_000;
/** libocpp requests a new SECC certificate when fewer days than this are left. */
export const RENEW_DAYS = 30;

/** Checks EvseSecurity's certificates under `dir`; `password` is EvseSecurity's private_key_password. */
export function checkCertificates(dir: string, opts: { paths?: Partial<CertPaths>; password?: string; now?: Date } = {}): CertCheck {
  const paths = { ...DEFAULT_CERT_PATHS, ...opts.paths };
  const now = opts.now ?? new Date();
  const at = (p: string) => (isAbsolute(p) ? p : join(dir, p));
  const shown = (p: string) => (p.startsWith(dir) ? relative(dir, p) || p : p);
  const findings: CertFinding[] = [];
  const certificates: CertSummary[] = [];
  const report = (severity: CertSeverity, file: string, message: string) => findings.push({ severity, file: shown(file), message });

  const readCerts = (file: string): X509Certificate[] => {
    const read = readPemCertificates(file);
    for (const problem of read.problems) report('error', file, problem);
    return read.certs;
  };
  const summarize = (role: CertSummary['role'], file: string, c: X509Certificate) =>
    certificates.push({
      role,
      file: shown(file),
      subject: c.subject.replace(/\n/g, ', '),
      notAfter: new Date(c.validTo).toISOString(),
      daysLeft: Math.floor((Date.parse(c.validTo) - now.getTime()) / DAY),
    });
  const bundle = (role: 'V2G root' | 'MO root' | 'CSMS root', p: string, missing: CertSeverity | undefined) => {
    const file = at(p);
    if (!existsSync(file)) {
      if (missing) report(missing, file, `no ${role} certificate (${p} does not exist)`);
      return [];
    }
    const certs = readCerts(file);
    for (const c of certs) {
      summarize(role, file, c);
      if (Date.parse(c.validTo) < now.getTime())
        report('error', file, `the ${role} ${c.subject.replace(/\n/g, ', ')} expired on ${new Date(c.validTo).toISOString().slice(0, 10)}`);
    }
    return certs;
  };

  const v2gRoots = bundle('V2G root', paths.v2gCaBundle, 'error');
  bundle('MO root', paths.moCaBundle, undefined);
  bundle('CSMS root', paths.csmsCaBundle, undefined);

  // The SECC leaf: the non-CA certificate(s) in the leaf directory; CA certificates there are the CPO sub-CAs.
  const certDir = at(paths.seccLeafCertDirectory);
  const pems = listFiles(certDir, /\.pem$/i);
  const inDir = pems.flatMap((f) => readCerts(f).map((c) => ({ file: f, c })));
  const subCas = inDir.filter((x) => x.c.ca);
  const leaves = inDir.filter((x) => !x.c.ca);
  const seen = new Set<string>();
  for (const s of subCas) {
    if (seen.has(s.c.fingerprint256)) continue;
    seen.add(s.c.fingerprint256);
    summarize('SECC sub-CA', s.file, s.c);
  }
  const uniqueLeaves = leaves.filter((l) => !seen.has(l.c.fingerprint256) && seen.add(l.c.fingerprint256));
  if (!uniqueLeaves.length)
    report(
      'error',
      certDir,
      `no SECC leaf certificate in ${shown(certDir)} (EvseSecurity's secc_leaf_cert_directory); the charger cannot offer ISO 15118 TLS`,
    );
  const keys = listFiles(at(paths.seccLeafKeyDirectory), /\.key$/i).flatMap((file) => {
    const key = openKey(file, opts.password);
    if ('problem' in key) report('error', file, key.problem);
    return 'key' in key ? [{ file, key: key.key }] : [];
  });
  for (const { file, c } of uniqueLeaves) {
    summarize('SECC leaf', file, c);
    const subject = c.subject.replace(/\n/g, ', ');
    const daysLeft = Math.floor((Date.parse(c.validTo) - now.getTime()) / DAY);
    if (daysLeft < 0) report('error', file, `the SECC leaf ${subject} expired on ${new Date(c.validTo).toISOString().slice(0, 10)}`);
    else if (daysLeft < RENEW_DAYS)
      report(
        'warning',
        file,
        `the SECC leaf ${subject} expires in ${daysLeft} days; libocpp requests a new one under ${RENEW_DAYS} days (with V2GCertificateInstallationEnabled)`,
      );
    if (Date.parse(c.validFrom) > now.getTime())
      report('error', file, `the SECC leaf ${subject} is not valid before ${new Date(c.validFrom).toISOString()}`);
    if (!/^DC=CPO$/im.test(c.subject))
      report('warning', file, `the SECC leaf's subject (${subject}) has no DC=CPO, which ISO 15118-2 requires of an SECC certificate`);
    if (
      !chainsTo(
        c,
        subCas.map((x) => x.c),
        v2gRoots,
      )
    )
      report(
        'error',
        file,
        `the SECC leaf ${subject} does not chain to a V2G root in ${paths.v2gCaBundle}; an EV that trusts that root refuses the TLS session`,
      );
    const pub = c.publicKey.export({ type: 'spki', format: 'der' });
    if (keys.length && !keys.some((k) => crypto().createPublicKey(k.key).export({ type: 'spki', format: 'der' }).equals(pub)))
      report('error', file, `no private key in ${shown(at(paths.seccLeafKeyDirectory))} matches the SECC leaf ${subject}`);
    if (!keys.length && !findings.some((f) => f.file.endsWith('.key')))
      report('error', file, `no private key (*.key) for the SECC leaf in ${shown(at(paths.seccLeafKeyDirectory))}`);
  }
  return { certificates, findings, hasMoRoot: moRootStatus(at(paths.moCaBundle)).usable };
}

/** The certificates of one PEM file; `unreadable` (and no problem) when the file cannot be read at all. */
export function readPemCertificates(file: string): { certs: X509Certificate[]; problems: string[]; unreadable?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { certs: [], problems: [], unreadable: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
  const certs: X509Certificate[] = [];
  const problems: string[] = [];
  const blocks = text.match(PEM_CERT) ?? [];
  for (const block of blocks) {
    try {
      certs.push(new (crypto().X509Certificate)(block));
    } catch (err) {
      problems.push(`a certificate in it does not parse (${(err as Error).message})`);
    }
  }
  if (!blocks.length) problems.push('holds no PEM certificate');
  return { certs, problems };
}

export type MoRootStatus = { usable: true; count: number } | { usable: false; why: string };

/**
 * Whether EvseSecurity finds an MO root at `path` (its mo_ca_bundle): a PEM file, or a folder whose *.pem files
 * libevse-security's X509CertificateBundle reads (directly in it, not below). `ocppctl pnc --certs` and
 * validate --everest-config both decide with this.
 */
export function moRootStatus(path: string): MoRootStatus {
  if (!existsSync(path)) return { usable: false, why: 'does not exist' };
  let files = [path];
  try {
    if (statSync(path).isDirectory()) {
      files = listFiles(path, /\.pem$/);
      if (!files.length) return { usable: false, why: 'is a folder without *.pem files' };
    }
  } catch (err) {
    return { usable: false, why: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  const reads = files.map(readPemCertificates);
  const count = reads.reduce((n, r) => n + r.certs.length, 0);
  if (count) return { usable: true, count };
  const unreadable = reads.find((r) => r.unreadable)?.unreadable;
  if (unreadable) return { usable: false, why: `cannot be read (${unreadable})` };
  if (reads.some((r) => r.problems.some((p) => p.startsWith('a certificate'))))
    return { usable: false, why: 'holds no certificate that parses' };
  return { usable: false, why: 'holds no PEM certificate' };
}

function listFiles(dir: string, pattern: RegExp): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((n) => pattern.test(n))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function openKey(file: string, password: string | undefined): { key: KeyObject } | { problem: string } | { skip: true } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { skip: true };
  }
  const pem = PEM_KEY.exec(text)?.[0];
  if (!pem) return { problem: 'holds no PEM private key' };
  const encrypted = pem.includes('ENCRYPTED') || /Proc-Type: 4,ENCRYPTED/.test(pem);
  try {
    return { key: crypto().createPrivateKey(encrypted ? { key: pem, passphrase: password ?? '' } : pem) };
  } catch {
    // the reason text of a failed decryption says nothing secret, but stays out: it is the same for every wrong password
    return {
      problem: encrypted
        ? `the encrypted key does not open with EvseSecurity's private_key_password${password ? '' : ' (none is set)'}`
        : 'the private key does not parse',
    };
  }
}

/** True when `leaf` is issued, through the given intermediates, by one of the roots (signatures checked). */
function chainsTo(leaf: X509Certificate, intermediates: X509Certificate[], roots: X509Certificate[]): boolean {
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    if (roots.some((r) => current.checkIssued(r) && current.verify(r.publicKey))) return true;
    const next = intermediates.find((i) => i !== current && current.checkIssued(i) && current.verify(i.publicKey));
    if (!next) return false;
    current = next;
  }
  return false;
}
