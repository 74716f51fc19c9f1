export { startCsms } from './server.js';
export type { Csms, CsmsOptions, CsmsEvent, BootAnswer, Probe } from './server.js';
export { formatEvent, eventToJson } from './log.js';
export { issueCertificate, makeTestPki, writeTestPki, PKI_FILES } from './test-pki.js';
export type { KeyPair, TestPki, IssueOptions } from './test-pki.js';
export { ensurePkiDir, PKI_DIR_FILES } from './pki-dir.js';
export type { PkiDirOptions, PkiDirResult } from './pki-dir.js';
