export { pncReadiness, formatReadiness } from './readiness.js';
export type { PncOptions, PncReadiness } from './readiness.js';
export { checkCertificates, DEFAULT_CERT_PATHS, RENEW_DAYS } from './certs.js';
