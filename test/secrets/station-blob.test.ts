import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigTree } from '../../src/model/index.js';
import { StationModel } from '../../src/protocol/index.js';
import { connectSlot } from '../../src/protocol/index.js';
import { writeStationConfig } from '../connect/station-config.js';
import { endpoint, testCsms } from '../connect/harness.js';
import { PLANTED, plantedBlob } from './planted-tree.js';

/** A station of the connect tests with the legacy blob holding `blob` (profile for slot 3 by default). */
function stationWithBlob(blob: string, opts: { slot1Url?: string } = {}) {
  const root = writeStationConfig({ url: opts.slot1Url ?? 'ws://unused/', securityProfile: 0, connectors: 1 });
  const file = join(root, 'standardized/InternalCtrlr.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.properties.NetworkConnectionProfiles = {
    variable_name: 'NetworkConnectionProfiles',
    characteristics: { supportsMonitoring: false, dataType: 'string' },
    attributes: [{ type: 'Actual', mutability: 'ReadWrite', value: blob }],
  };
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return loadConfigTree(root);
}

const get = (model: StationModel, component: { name: string; instance?: string }, name: string) =>
  (
    model.getVariables({ getVariableData: [{ component, variable: { name } }] }) as {
      getVariableResult: { attributeStatus: string; attributeValue?: string }[];
    }
  ).getVariableResult[0];

test('the station answers for the legacy blob what libocpp holds after its start-up migration: "" and the profile in its slot', () => {
  const model = new StationModel(stationWithBlob(plantedBlob(3), { slot1Url: '' }));
  assert.deepEqual(get(model, { name: 'InternalCtrlr' }, 'NetworkConnectionProfiles'), {
    component: { name: 'InternalCtrlr' },
    variable: { name: 'NetworkConnectionProfiles' },
    attributeStatus: 'Accepted',
    attributeValue: '',
  });
  // libocpp creates NetworkConfiguration_3 from the slot-1 schema and writes the profile into it
  assert.equal(get(model, { name: 'NetworkConfiguration', instance: '3' }, 'OcppCsmsUrl').attributeValue, 'ws://127.0.0.1:9/ocpp');
  assert.equal(get(model, { name: 'NetworkConfiguration', instance: '3' }, 'MessageTimeout').attributeValue, '30');
  assert.equal(get(model, { name: 'NetworkConfiguration', instance: '3' }, 'BasicAuthPassword').attributeStatus, 'Rejected');
  assert.doesNotMatch(
    JSON.stringify(model.reportData('FullInventory')),
    new RegExp(`${PLANTED.blob}|${PLANTED.blobVpn}|${PLANTED.blobVpnKey}|${PLANTED.blobApn}`),
  );
});

test('a blob beside a listed slot with a URL is only cleared, and a blob that is not JSON is never sent as written', () => {
  const cleared = new StationModel(stationWithBlob(plantedBlob(3), { slot1Url: 'ws://csms.example/ocpp' }));
  assert.equal(get(cleared, { name: 'InternalCtrlr' }, 'NetworkConnectionProfiles').attributeValue, '');
  assert.equal(get(cleared, { name: 'NetworkConfiguration', instance: '3' }, 'OcppCsmsUrl').attributeStatus, 'UnknownComponent');
  const broken = `[{"configurationSlot": 3, "connectionData": {"basicAuthPassword": "${PLANTED.blob}"`;
  const kept = get(new StationModel(stationWithBlob(broken)), { name: 'InternalCtrlr' }, 'NetworkConnectionProfiles');
  assert.equal(kept.attributeStatus, 'Accepted');
  assert.match(kept.attributeValue!, /^\(unparsable blob, \d+ characters, not shown\)$/);
});

test('connect on loopback reports the migrated blob to the real csms in GetBaseReport', async () => {
  let stop: () => void = () => undefined;
  const reports: unknown[] = [];
  const frames: string[] = [];
  const { csms } = await testCsms({
    probe: 'get-base-report',
    onEvent: (e) => {
      if (e.kind !== 'message') return;
      frames.push(JSON.stringify(e.message.frame));
      if (e.message.direction === 'in' && 'action' in e.message.frame && e.message.frame.action === 'NotifyReport') {
        reports.push(e.message.frame.payload);
        if (!(e.message.frame.payload as { tbc: boolean }).tbc) stop();
      }
    },
  });
  stop = () => void csms.close();
  const tree = stationWithBlob(plantedBlob(3), { slot1Url: '' });
  // the csms closes once the last NotifyReport is in, so connect's own ending does not matter here
  await connectSlot({ tree, endpoint: endpoint({ csmsUrl: csms.url }), tls: {}, timeoutMs: 10_000, stayMs: 30_000 });
  assert.ok(reports.length > 0, 'the station sent a NotifyReport');
  const data = reports.flatMap(
    (p) =>
      (p as { reportData: { component: { name: string }; variable: { name: string }; variableAttribute: { value?: string }[] }[] })
        .reportData,
  );
  const blob = data.find((d) => d.component.name === 'InternalCtrlr' && d.variable.name === 'NetworkConnectionProfiles');
  assert.ok(blob, 'the report lists the blob variable');
  assert.equal(blob.variableAttribute[0].value, '');
  assert.ok(
    data.some((d) => d.component.name === 'NetworkConfiguration' && (d.component as { instance?: string }).instance === '3'),
    'slot 3 is reported',
  );
  for (const s of [PLANTED.blob, PLANTED.blobApn, PLANTED.blobVpn, PLANTED.blobVpnKey])
    assert.ok(!frames.join('\n').includes(s), `a frame carried ${s.slice(0, 8)}…`);
});
