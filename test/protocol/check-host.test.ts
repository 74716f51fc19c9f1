import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeerCertificate } from 'node:tls';
import { checkHost } from '../../src/protocol/index.js';

const cert = (san: string, cn = 'x') => ({ subject: { CN: cn }, subjectaltname: san }) as unknown as PeerCertificate;

test('a wildcard certificate name is refused unless VerifyCsmsAllowWildcards is true, as libocpp does', () => {
  const wildcard = cert('DNS:*.example.com');
  assert.match(String(checkHost('csms.example.com', wildcard, {})), /only through a wildcard/);
  assert.equal(checkHost('csms.example.com', wildcard, { allowWildcards: true }), undefined);
});

test('an exact name passes, another name fails, and VerifyCsmsCommonName false skips the check', () => {
  assert.equal(checkHost('csms.example.com', cert('DNS:csms.example.com, DNS:*.example.com'), {}), undefined);
  assert.ok(checkHost('other.example.org', cert('DNS:csms.example.com'), {}));
  assert.equal(checkHost('other.example.org', cert('DNS:csms.example.com'), { verifyHostname: false }), undefined);
  assert.equal(checkHost('127.0.0.1', cert('IP Address:127.0.0.1'), {}), undefined);
});
