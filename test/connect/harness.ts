import { loadConfigTree } from '../../src/model/index.js';
import type { ConfigTree } from '../../src/model/index.js';
import { startCsms } from '../../src/csms/index.js';
import type { CsmsEvent, CsmsOptions } from '../../src/csms/index.js';
import { connectSlot } from '../../src/protocol/index.js';
import type { ConnectOptions, SlotEndpoint } from '../../src/protocol/index.js';
import { REFERENCE } from '../support/paths.js';
import { join } from 'node:path';
import { writeStationConfig } from './station-config.js';

let tree: ConfigTree | undefined;
/** libocpp's shipped config, read in place: it has the identity data, SupportedOcppVersions and two connectors. */
export const referenceTree = () => (tree ??= loadConfigTree(join(REFERENCE, 'everest-component-config')));

export const PASSWORD = 'correct-horse-battery';

let testTree: ConfigTree | undefined;
/** A small station of our own: two connectors, security profile 0 allowed, SecurityCtrlr.SecurityProfile 0. */
export const stationTree = () =>
  (testTree ??= loadConfigTree(writeStationConfig({ url: 'ws://unused/', securityProfile: 0, connectors: 2 })));

export async function testCsms(opts: Partial<CsmsOptions> = {}) {
  const events: CsmsEvent[] = [];
  const csms = await startCsms({
    host: '127.0.0.1',
    port: 0,
    securityProfile: 0,
    versions: ['2.1', '2.0.1'],
    boot: 'accepted',
    heartbeatInterval: 300,
    pendingInterval: 1,
    ...opts,
    onEvent: (e) => {
      events.push(e);
      opts.onEvent?.(e);
    },
  });
  return { csms, events };
}

export function endpoint(e: Partial<SlotEndpoint> & { csmsUrl: string }): SlotEndpoint {
  return { slot: 1, securityProfile: 0, identity: 'cp001', identitySource: 'slot', passwordSource: 'none', messageTimeout: 5, ...e };
}

export const connect = (e: SlotEndpoint, o: Partial<ConnectOptions> = {}) =>
  connectSlot({ tree: stationTree(), endpoint: e, tls: {}, timeoutMs: 10_000, stayMs: 0, ...o });
