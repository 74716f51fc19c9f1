import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { runCli } from '../support/cli.js';
import { startCsmsChild } from '../protocol/csms-child.js';
import { writeStationConfig } from './station-config.js';

const SLOT_PW = 'slot-password-AAAA1111';
const SET_PW = 'set-by-csms-BBBB2222';
const BLOB_PW = 'blob-password-CCCC3333';
const CSMS_PW = 'csms-password-DDDD4444';
const WRONG_PW = 'wrong-password-EEEE5555';

const blob = (pw: string) =>
  JSON.stringify([
    {
      configurationSlot: 2,
      connectionData: {
        ocppCsmsUrl: 'wss://backup.example/ocpp',
        securityProfile: 2,
        basicAuthPassword: pw,
        ocppInterface: 'Wired0',
        ocppTransport: 'JSON',
        messageTimeout: 30,
      },
    },
  ]);

/** Every form a secret could take in printed text: raw, JSON-escaped once and twice, base64 (an Authorization header). */
function assertNoSecret(text: string, secrets: string[], where: string) {
  for (const s of secrets) {
    const forms = [s, JSON.stringify(s).slice(1, -1), Buffer.from(s).toString('base64').slice(0, 16)];
    for (const f of forms) assert.ok(!text.includes(f), `${where} shows ${s}`);
  }
}

test(
  "connect --verbose masks what the CSMS sends (SetVariables passwords, a legacy blob) and the tree's own passwords",
  { timeout: 30_000 },
  async () => {
    // a CSMS that answers the station, then writes a password and a blob and reads the blob back
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'ocpp2.0.1' });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws: WebSocket) => {
      ws.on('error', () => undefined);
      let sent = false;
      ws.on('message', (d) => {
        const [type, id, action] = JSON.parse((d as Buffer).toString()) as [number, string, string];
        if (type !== 2) return;
        const now = new Date().toISOString();
        const answer =
          action === 'BootNotification'
            ? { status: 'Accepted', interval: 300, currentTime: now }
            : action === 'Heartbeat'
              ? { currentTime: now }
              : {};
        ws.send(JSON.stringify([3, id, answer]));
        if (action === 'StatusNotification' && !sent) {
          sent = true;
          ws.send(
            JSON.stringify([
              2,
              'set1',
              'SetVariables',
              {
                setVariableData: [
                  { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: SET_PW },
                  { component: { name: 'InternalCtrlr' }, variable: { name: 'NetworkConnectionProfiles' }, attributeValue: blob(BLOB_PW) },
                ],
              },
            ]),
          );
          ws.send(
            JSON.stringify([
              2,
              'get1',
              'GetVariables',
              { getVariableData: [{ component: { name: 'InternalCtrlr' }, variable: { name: 'NetworkConnectionProfiles' } }] },
            ]),
          );
        }
      });
    });
    try {
      const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
      const config = writeStationConfig({ url, securityProfile: 1, slotPassword: SLOT_PW });
      const r = await runCli(['connect', '--config', config, '--verbose', '--stay', '1', '--timeout', '10']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /SetVariables/);
      assert.match(r.stdout, /backup\.example/, 'the blob keeps its shape');
      assertNoSecret(r.stdout + r.stderr, [SLOT_PW, SET_PW, BLOB_PW], 'connect --verbose');
      const json = await runCli(['connect', '--config', config, '--verbose', '--json', '--timeout', '10']);
      assertNoSecret(json.stdout + json.stderr, [SLOT_PW], 'connect --json');
    } finally {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    }
  },
);

test(
  'the csms log and terminal mask what stations send (NotifyReport with a blob, secret variables) and never show an Authorization header',
  { timeout: 30_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocppctl-logsecrets-'));
    const log = join(dir, 'csms.jsonl');
    const csms = await startCsmsChild(['--security-profile', '1', '--password-env', 'PW', '--log', log], { PW: CSMS_PW });
    try {
      const station = (pw: string) =>
        new WebSocket(`${csms.url}cp001`, ['ocpp2.0.1'], {
          headers: { Authorization: `Basic ${Buffer.from(`cp001:${pw}`).toString('base64')}` },
        });
      // a wrong password: refused, and neither password is logged
      const refused = station(WRONG_PW);
      refused.on('error', () => undefined);
      await new Promise((r) => refused.once('close', r));

      const ws = station(CSMS_PW);
      ws.on('error', () => undefined);
      await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
      const answered = (id: string) =>
        new Promise<void>((r) => ws.on('message', (d) => (JSON.parse((d as Buffer).toString())[1] === id ? r() : undefined)));
      const report = answered('r1');
      ws.send(
        JSON.stringify([
          2,
          'r1',
          'NotifyReport',
          {
            requestId: 1,
            generatedAt: new Date().toISOString(),
            seqNo: 0,
            reportData: [
              {
                component: { name: 'InternalCtrlr' },
                variable: { name: 'NetworkConnectionProfiles' },
                variableAttribute: [{ type: 'Actual', value: blob(BLOB_PW) }],
              },
              {
                component: { name: 'SecurityCtrlr' },
                variable: { name: 'BasicAuthPassword' },
                variableAttribute: [{ type: 'Actual', value: SET_PW }],
              },
            ],
          },
        ]),
      );
      await report;
      ws.close();
      for (let i = 0; i < 50 && !readFileSync(log, 'utf8').includes('"disconnected"'); i++) await new Promise((r) => setTimeout(r, 100));
      const logged = readFileSync(log, 'utf8');
      assert.match(logged, /NotifyReport/);
      assert.match(logged, /backup\.example/);
      assert.match(logged, /refused/);
      assertNoSecret(logged, [BLOB_PW, SET_PW, CSMS_PW, WRONG_PW], 'csms --log');
      assertNoSecret(csms.stdout() + csms.stderr(), [BLOB_PW, SET_PW, CSMS_PW, WRONG_PW], 'csms terminal');
    } finally {
      await csms.stop();
    }
  },
);
