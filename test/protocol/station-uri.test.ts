import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UriError, buildStationUri } from '../../src/protocol/index.js';
import { maskUserInfo } from '../../src/protocol/station-uri.js';

const url = (u: string, id = 'cp001', sp = 1) => buildStationUri(u, id, sp).text;

test('appends the identity after a slash, once', () => {
  assert.equal(url('ws://csms.example:9000'), 'ws://csms.example:9000/cp001');
  assert.equal(url('ws://csms.example:9000/ocpp'), 'ws://csms.example:9000/ocpp/cp001');
  assert.equal(url('ws://csms.example:9000/ocpp/'), 'ws://csms.example:9000/ocpp/cp001');
});

test('drops an identity already present as the last path segment, as libocpp does', () => {
  const u = buildStationUri('ws://csms.example/ocpp/cp001', 'cp001', 1);
  assert.equal(u.text, 'ws://csms.example:80/ocpp/cp001');
  assert.equal(u.identityStripped, true);
  assert.equal(url('ws://csms.example/ocpp/cp001/'), 'ws://csms.example:80/ocpp/cp001');
  // a different last segment stays: the legacy identity becomes part of the path
  assert.equal(url('ws://csms.example/cp001', 'cp002'), 'ws://csms.example:80/cp001/cp002');
});

test('adds ws:// or wss:// from the security profile when the URL has no scheme', () => {
  assert.equal(url('csms.example:9000', 'cp001', 1), 'ws://csms.example:9000/cp001');
  assert.equal(url('csms.example', 'cp001', 2), 'wss://csms.example:443/cp001');
  assert.equal(buildStationUri('csms.example', 'cp001', 3).schemeAdded, true);
});

test('rejects wss:// with security profile 1 and ws:// with security profile 2', () => {
  assert.throws(
    () => url('wss://csms.example', 'cp001', 1),
    (e: unknown) => e instanceof UriError && /secure scheme wss:\/\/ does not fit security profile 1/.test(e.message),
  );
  assert.throws(() => url('ws://csms.example', 'cp001', 2), /insecure scheme ws:\/\/ does not fit security profile 2/);
  assert.throws(() => url('http://csms.example', 'cp001', 3), /insecure scheme http/);
  assert.equal(url('https://csms.example/x', 'cp001', 2), 'wss://csms.example:443/x/cp001');
});

test('keeps a query string in the path and does not percent-encode the identity', () => {
  assert.equal(url('ws://h:1/a?x=1', 'cp 1'), 'ws://h:1/a?x=1/cp 1');
});

test('refuses an empty URL, an empty identity, a bad port and an unknown scheme', () => {
  assert.throws(() => url(''), /OcppCsmsUrl is empty/);
  assert.throws(() => url('ws://h', ''), /no identity/);
  assert.throws(() => url('ws://h:99999/'), /invalid port/);
  assert.throws(() => url('ftp://h/'), /scheme libocpp does not dial/);
  assert.throws(() => url('WS://h/'), /scheme libocpp does not dial/);
});

test('understands IPv6 hosts in brackets', () => {
  assert.equal(url('ws://[::1]:9000/ocpp'), 'ws://[::1]:9000/ocpp/cp001');
});

test('an error about a URL with user:password@ never shows the credentials', () => {
  assert.throws(
    () => buildStationUri('ftp://admin:Hunter2-secret@csms.example.com/ocpp', 'cp1', 2),
    (err: Error) => !err.message.includes('Hunter2') && err.message.includes('"ftp://***@csms.example.com/ocpp"'),
  );
  assert.equal(maskUserInfo('wss://u:p@host:443/x@y'), 'wss://***@host:443/x@y');
  assert.equal(maskUserInfo('host/ocpp'), 'host/ocpp');
});
