// The test CSMS's half of the certificate loop: a station's CSR (SignCertificateRequest) signed by the test CA.
// CSR parsing and certificate building are @peculiar/x509's; it needs a Reflect polyfill (reflect-metadata) loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { OcppctlError } from '../errors.js';
import type { KeyPair } from './test-pki.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const DAY = 86_400_000;

export type CertificateSigningUse = 'ChargingStationCertificate' | 'V2GCertificate';

/**
 * A certificate for the CSR's subject and public key, signed by `ca`, as the PEM chain a CertificateSignedRequest
 * carries (leaf, then the CA). Throws a typed error for a CSR that does not parse or whose signature is wrong.
 */
export async function signCsr(
  csrPem: string,
  ca: KeyPair,
  use: CertificateSigningUse,
  opts: { days?: number; now?: Date } = {},
): Promise<string> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch (err) {
    throw new OcppctlError('INPUT', `the CSR does not parse (${(err as Error).message})`);
  }
  if (!(await csr.verify())) throw new OcppctlError('INPUT', 'the CSR is not signed by its own key');
  const caCert = new x509.X509Certificate(ca.cert);
  const { importAlgorithm, signingAlgorithm } = algorithmsOf(ca.key);
  const der = createPrivateKey(ca.key).export({ format: 'der', type: 'pkcs8' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der, importAlgorithm, false, ['sign']);
  const now = opts.now ?? new Date();
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // a positive INTEGER
  serial[0] |= 0x01;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject: csr.subject,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + (opts.days ?? 365) * DAY),
    signingAlgorithm,
    publicKey: csr.publicKey,
    signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      // a station certificate authenticates to the CSMS (profile 3); an SECC certificate serves the EV's TLS session
      new x509.ExtendedKeyUsageExtension([
        use === 'ChargingStationCertificate' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth,
      ]),
      await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  const nl = (t: string) => (t.endsWith('\n') ? t : t + '\n');
  return nl(cert.toString('pem')) + nl(ca.cert);
}

const CURVES: Record<string, [curve: string, hash: string]> = {
  prime256v1: ['P-256', 'SHA-256'],
  secp384r1: ['P-384', 'SHA-384'],
  secp521r1: ['P-521', 'SHA-512'],
};

/** WebCrypto algorithms for a CA key: ECDSA on the NIST curves, or RSA PKCS#1 v1.5 with SHA-256. */
export function algorithmsOf(keyPem: string): {
  importAlgorithm: EcKeyImportParams | RsaHashedImportParams;
  signingAlgorithm: EcdsaParams | Algorithm;
} {
  const key = createPrivateKey(keyPem);
  if (key.asymmetricKeyType === 'ec') {
    const c = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (c) return { importAlgorithm: { name: 'ECDSA', namedCurve: c[0] }, signingAlgorithm: { name: 'ECDSA', hash: c[1] } };
  }
  if (key.asymmetricKeyType === 'rsa')
    return { importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' } };
  throw new OcppctlError(
    'INPUT',
    `the CA key is ${key.asymmetricKeyType ?? 'of an unknown type'}${key.asymmetricKeyDetails?.namedCurve ? ` on ${key.asymmetricKeyDetails.namedCurve}` : ''}; the test CSMS signs with EC P-256/384/521 or RSA keys`,
  );
}
