import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibocppLogWriter } from '../../src/log/index.js';
import type { WriterFormat } from '../../src/log/index.js';

// Sessions as a station and its CSMS would exchange them, written by the tests in libocpp's formats.

export type Step = { from: 'ChargePoint' | 'CentralSystem'; frame: unknown[]; ms?: number } | { sys: string; ms?: number };

export const SECRET = 'hunter2-correct-horse-42';

export const session201: Step[] = [
  { sys: 'Session logging started.' },
  { from: 'ChargePoint', frame: [2, 'b1', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'V' } }] },
  { from: 'CentralSystem', frame: [3, 'b1', { currentTime: '2026-03-01T10:00:00Z', interval: 300, status: 'Accepted' }], ms: 80 },
  {
    from: 'CentralSystem',
    frame: [
      2,
      'g1',
      'GetVariables',
      { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] },
    ],
  },
  {
    from: 'ChargePoint',
    frame: [
      3,
      'g1',
      {
        getVariableResult: [
          {
            attributeStatus: 'Accepted',
            attributeValue: SECRET,
            component: { name: 'SecurityCtrlr' },
            variable: { name: 'BasicAuthPassword' },
          },
        ],
      },
    ],
    ms: 30,
  },
  {
    from: 'ChargePoint',
    frame: [2, 's1', 'StatusNotification', { timestamp: '2026-03-01T10:00:01Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 }],
  },
  { from: 'CentralSystem', frame: [3, 's1', {}], ms: 20 },
  {
    from: 'ChargePoint',
    frame: [
      2,
      't1',
      'TransactionEvent',
      {
        eventType: 'Started',
        timestamp: '2026-03-01T10:01:00Z',
        triggerReason: 'Authorized',
        seqNo: 0,
        transactionInfo: { transactionId: 'tx-1' },
        evse: { id: 1, connectorId: 1 },
        meterValue: [{ timestamp: '2026-03-01T10:01:00Z', sampledValue: [{ value: 1200 }] }],
      },
    ],
  },
  { from: 'CentralSystem', frame: [3, 't1', {}], ms: 40 },
  { from: 'ChargePoint', frame: [2, 'h1', 'Heartbeat', {}] },
  { from: 'CentralSystem', frame: [3, 'h1', { currentTime: '2026-03-01T10:02:00Z' }], ms: 10 },
  {
    from: 'ChargePoint',
    frame: [
      2,
      't2',
      'TransactionEvent',
      {
        eventType: 'Ended',
        timestamp: '2026-03-01T10:30:00Z',
        triggerReason: 'EVDeparted',
        seqNo: 1,
        transactionInfo: { transactionId: 'tx-1' },
        meterValue: [{ timestamp: '2026-03-01T10:30:00Z', sampledValue: [{ value: 8.7, unitOfMeasure: { unit: 'kWh' } }] }],
      },
    ],
  },
  { from: 'CentralSystem', frame: [3, 't2', {}], ms: 50 },
];

export const session16: Step[] = [
  { sys: 'Session logging started.' },
  { from: 'ChargePoint', frame: [2, '1', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }] },
  { from: 'CentralSystem', frame: [3, '1', { currentTime: '2026-03-01T10:00:00.000Z', interval: 300, status: 'Accepted' }], ms: 60 },
  { from: 'ChargePoint', frame: [2, '2', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' }] },
  { from: 'CentralSystem', frame: [3, '2', {}], ms: 15 },
  {
    from: 'ChargePoint',
    frame: [2, '3', 'StartTransaction', { connectorId: 1, idTag: 'TAG1', meterStart: 1000, timestamp: '2026-03-01T10:01:00.000Z' }],
  },
  { from: 'CentralSystem', frame: [3, '3', { idTagInfo: { status: 'Accepted' }, transactionId: 42 }], ms: 70 },
  {
    from: 'ChargePoint',
    frame: [
      2,
      '4',
      'MeterValues',
      {
        connectorId: 1,
        transactionId: 42,
        meterValue: [{ timestamp: '2026-03-01T10:10:00.000Z', sampledValue: [{ value: '3000', unit: 'Wh' }] }],
      },
    ],
  },
  { from: 'CentralSystem', frame: [3, '4', {}], ms: 12 },
  { from: 'ChargePoint', frame: [2, '5', 'Heartbeat', {}] },
  { from: 'CentralSystem', frame: [3, '5', { currentTime: '2026-03-01T10:15:00.000Z' }], ms: 9 },
  {
    from: 'ChargePoint',
    frame: [2, '6', 'StopTransaction', { transactionId: 42, meterStop: 6000, timestamp: '2026-03-01T10:20:00.000Z' }],
  },
  { from: 'CentralSystem', frame: [3, '6', { idTagInfo: { status: 'Accepted' } }], ms: 25 },
];

export const START = Date.parse('2026-03-01T10:00:00.000Z');

/** The session as libocpp would write it in `format`; each step `ms` (default 100) after the one before. */
export function render(steps: Step[], format: WriterFormat, start = START, opts: { close?: boolean } = {}): string {
  const w = new LibocppLogWriter(format);
  let t = start;
  let out = w.opening();
  for (const s of steps) {
    t += s.ms ?? 100;
    out += 'sys' in s ? w.sys(s.sys, new Date(t)) : w.frame(s.from, s.frame, new Date(t));
  }
  return out + (opts.close === false ? '' : w.closing());
}

export const tmp = () => mkdtempSync(join(tmpdir(), 'ocppctl-log-'));

export function writeLog(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
