import { chmod } from 'node:fs/promises';
import { makeDirs } from '../files/make-dirs.js';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { writeAtomic } from '../files/atomic-write.js';

export interface KeyPair {
  cert: string;
  key: string;
}

export interface TestPki {
  ca: KeyPair;
  server: KeyPair;
  client: KeyPair;
}

export interface IssueOptions {
  cn: string;
  /** signing CA; without it the certificate is a self-signed CA */
  ca?: KeyPair;
  dnsNames?: string[];
  ips?: string[];
  usage?: 'server' | 'client' | 'ca';
  notBefore?: Date;
  notAfter?: Date;
}

const DAY = 86_400_000;

// EC P-256 with SHA-256: libocpp's default TLS 1.2 ciphers are ECDHE-ECDSA only (InternalCtrlr.SupportedCiphers12)
export async function issueCertificate(o: IssueOptions): Promise<KeyPair> {
  const usage = o.usage ?? 'server';
  const notBefore = o.notBefore ?? new Date(Date.now() - DAY);
  const altNames = [
    ...(o.dnsNames ?? []).map((value) => ({ type: 2 as const, value })),
    ...(o.ips ?? []).map((ip) => ({ type: 7 as const, ip })),
  ];
  const pems = await generate([{ name: 'commonName', value: o.cn }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: o.notAfter ?? new Date(notBefore.getTime() + 30 * DAY),
    ...(o.ca ? { ca: o.ca } : {}),
    extensions: [
      { name: 'basicConstraints', cA: usage === 'ca', critical: true },
      usage === 'ca'
        ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
        : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      ...(usage === 'ca' ? [] : [{ name: 'extKeyUsage' as const, serverAuth: usage === 'server', clientAuth: usage === 'client' }]),
      ...(altNames.length ? [{ name: 'subjectAltName' as const, altNames }] : []),
    ],
  });
  // selfsigned leaves the certificate without a final newline; chains are concatenated PEM blocks
  const nl = (t: string) => (t.endsWith('\n') ? t : t + '\n');
  return { cert: nl(pems.cert), key: nl(pems.private) };
}

/** A throw-away CA with a server certificate for localhost/127.0.0.1/::1 and a client certificate for `identity`. */
export async function makeTestPki(identity = 'cp001'): Promise<TestPki> {
  const ca = await issueCertificate({ cn: 'ocppctl test CA', usage: 'ca' });
  const server = await issueCertificate({ cn: 'localhost', ca, dnsNames: ['localhost'], ips: ['127.0.0.1', '::1'] });
  const client = await issueCertificate({ cn: identity, ca, usage: 'client' });
  return { ca, server, client };
}

export const PKI_FILES = {
  ca: 'ca.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
} as const;

export async function writeTestPki(dir: string, pki: TestPki): Promise<void> {
  makeDirs(dir);
  const files: [string, string, boolean][] = [
    [PKI_FILES.ca, pki.ca.cert, false],
    [PKI_FILES.serverCert, pki.server.cert + pki.ca.cert, false],
    [PKI_FILES.serverKey, pki.server.key, true],
    [PKI_FILES.clientCert, pki.client.cert + pki.ca.cert, false],
    [PKI_FILES.clientKey, pki.client.key, true],
  ];
  for (const [name, text, secret] of files) {
    await writeAtomic(join(dir, name), text);
    if (secret) await chmod(join(dir, name), 0o600);
  }
}
