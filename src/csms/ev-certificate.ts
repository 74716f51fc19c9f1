// Get15118EVCertificate: the station forwards an EV's EXI CertificateInstallationReq and expects the EXI
// CertificateInstallationRes, which only a contract certificate pool (an MO's PKI) can build. The test CSMS has
// none: it answers Failed and says why, or Accepted with a response prepared elsewhere (--ev-certificate-response).
import { readFileSync, statSync } from 'node:fs';
import { OcppctlError } from '../errors.js';
import type { Payload } from '../protocol/index.js';

// Get15118EVCertificateResponse.exiResponse maxLength in the OCA schemas: 5600 in 2.0.1, 17000 in 2.1 (extended
// for ISO 15118-20)
export const EXI_RESPONSE_LIMITS = { '2.0.1': 5600, '2.1': 17000 } as const;
// a base64 text a little over the largest limit is still worth reading to say how long it is; anything bigger is not
const MAX_FILE_BYTES = 64 * 1024;

/**
 * The base64 EXI response in `file` (whitespace and line breaks dropped), checked against the exiResponse limit
 * of every version served. Any problem is an input error naming the file.
 */
export function readEvCertificateResponse(file: string, shown: string, versions: readonly string[]): string {
  const where = `--ev-certificate-response ${shown}`;
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new OcppctlError('INPUT', `${where}: not a regular file`);
    if (st.size > MAX_FILE_BYTES) throw new OcppctlError('INPUT', `${where}: ${st.size} bytes, more than any exiResponse can hold`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof OcppctlError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new OcppctlError(
      'INPUT',
      `${where}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (err as Error).message})`}`,
    );
  }
  const exi = text.replace(/\s+/g, '');
  if (!exi) throw new OcppctlError('INPUT', `${where}: the file is empty; it should hold a base64 EXI CertificateInstallationRes`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(exi) || exi.length % 4 !== 0)
    throw new OcppctlError('INPUT', `${where}: not base64 (an exiResponse is the base64 text of an EXI CertificateInstallationRes)`);
  for (const v of versions) {
    const limit = EXI_RESPONSE_LIMITS[v as keyof typeof EXI_RESPONSE_LIMITS];
    if (limit !== undefined && exi.length > limit)
      throw new OcppctlError(
        'INPUT',
        `${where}: ${exi.length} base64 characters, over OCPP ${v}'s exiResponse limit of ${limit}` +
          (v === '2.0.1' && exi.length <= EXI_RESPONSE_LIMITS['2.1'] ? ' (serve only OCPP 2.1 with --ocpp 2.1)' : ''),
      );
  }
  return exi;
}

/** The answer to one Get15118EVCertificateRequest, and the log line that says what was answered and why. */
export function answerEvCertificate(payload: Payload, exiResponse: string | undefined): { response: Payload; outcome: string } {
  const request = `Get15118EVCertificate ${typeof payload.action === 'string' ? payload.action : '?'}`;
  if (exiResponse !== undefined)
    return {
      response: { status: 'Accepted', exiResponse },
      outcome: `${request} answered Accepted with the exiResponse of --ev-certificate-response (${exiResponse.length} characters)`,
    };
  return {
    response: {
      status: 'Failed',
      exiResponse: '',
      statusInfo: {
        reasonCode: 'NoContractPki',
        additionalInfo: 'ocppctl csms signs CSRs but has no contract certificate pool to build a CertificateInstallationRes',
      },
    },
    outcome:
      `${request} answered Failed: the test CSMS has no contract certificate pool (an MO's PKI) to build the EXI ` +
      'CertificateInstallationRes from; give --ev-certificate-response FILE (a base64 EXI response) to answer Accepted',
  };
}
