import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options for a test that runs openssl: where it is missing the test skips with this one line. */
export const needsOpenssl: { skip?: string } = spawnSync('openssl', ['version']).status === 0 ? {} : { skip: 'openssl is not installed' };

const openssl = (cwd: string, ...args: string[]) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

function key(cwd: string, name: string) {
  openssl(cwd, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
}

function root(cwd: string, name: string, subject: string) {
  key(cwd, name);
  openssl(
    cwd,
    'req',
    '-x509',
    '-new',
    '-key',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-subj',
    subject,
    '-days',
    '3650',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
}

function issue(cwd: string, name: string, subject: string, issuer: string, opts: { ca: boolean; days: number }) {
  key(cwd, name);
  openssl(cwd, 'req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  writeFileSync(
    join(cwd, `${name}.ext`),
    opts.ca
      ? 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
      : 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\n',
  );
  openssl(
    cwd,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${issuer}.pem`,
    '-CAkey',
    `${issuer}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    String(opts.days),
    '-extfile',
    `${name}.ext`,
  );
}

export interface CertOptions {
  /** Days the SECC leaf is valid. */
  days?: number;
  /** The leaf's subject. */
  subject?: string;
  /** Sign the leaf's chain with a root that is not in ca/v2g. */
  foreignRoot?: boolean;
  /** Put a key that does not belong to the leaf beside it. */
  wrongKey?: boolean;
  /** Encrypt the leaf's key with this password. */
  password?: string;
  /** Leave out ca/mo. */
  noMoRoot?: boolean;
}

/** EvseSecurity's certificates folder: V2G root → CPO sub-CA 1 → sub-CA 2 → SECC leaf, an MO root, made by openssl. */
export function makeCerts(o: CertOptions = {}): string {
  const work = mkdtempSync(join(tmpdir(), 'ocppctl-pki-'));
  root(work, 'v2g', '/CN=V2G Root CA/O=Test/DC=V2G');
  root(work, 'other', '/CN=Foreign Root/O=Elsewhere/DC=V2G');
  root(work, 'mo', '/CN=MO Root CA/O=Test/DC=MO');
  issue(work, 'sub1', '/CN=CPO Sub-CA 1/O=Test/DC=V2G', o.foreignRoot ? 'other' : 'v2g', { ca: true, days: 1000 });
  issue(work, 'sub2', '/CN=CPO Sub-CA 2/O=Test/DC=V2G', 'sub1', { ca: true, days: 1000 });
  issue(work, 'leaf', o.subject ?? '/CN=DEPNXS1234567/O=Test/C=DE/DC=CPO', 'sub2', { ca: false, days: o.days ?? 365 });
  if (o.wrongKey) key(work, 'stray');
  if (o.password)
    openssl(work, 'pkcs8', '-topk8', '-in', 'leaf.key', '-out', 'leaf-enc.key', '-v2', 'aes-256-cbc', '-passout', `pass:${o.password}`);
  const certs = join(work, 'certs');
  for (const d of ['ca/v2g', 'ca/mo', 'ca/csms', 'client/cso']) mkdirSync(join(certs, d), { recursive: true });
  copyFileSync(join(work, 'v2g.pem'), join(certs, 'ca/v2g/V2G_ROOT_CA.pem'));
  if (!o.noMoRoot) copyFileSync(join(work, 'mo.pem'), join(certs, 'ca/mo/MO_ROOT_CA.pem'));
  copyFileSync(join(work, 'sub1.pem'), join(certs, 'client/cso/CPO_SUB_CA1.pem'));
  copyFileSync(join(work, 'sub2.pem'), join(certs, 'client/cso/CPO_SUB_CA2.pem'));
  copyFileSync(join(work, 'leaf.pem'), join(certs, 'client/cso/SECC_LEAF.pem'));
  copyFileSync(join(work, o.wrongKey ? 'stray.key' : o.password ? 'leaf-enc.key' : 'leaf.key'), join(certs, 'client/cso/SECC_LEAF.key'));
  return certs;
}
