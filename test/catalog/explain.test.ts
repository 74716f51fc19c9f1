import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { fixture, REFERENCE, ROOT } from '../support/paths.js';

const EVEREST = join(REFERENCE, 'everest-component-config');

test("explain <rule-id> prints the rule's docs page", async () => {
  const r = await runCli(['explain', 'spec-unknown-variable'], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^# spec-unknown-variable\n/);
  assert.match(r.stdout, /## How to fix/);
});

test("explain Component.Variable shows both releases, libocpp's requirement and the appendix's own spelling", async () => {
  const r = await runCli(['explain', 'OCPPCommCtrlr.NetworkConfigurationPriority'], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /OCPP 2\.0\.1 {2}SequenceList, required when OCPPCommCtrlr is implemented \(the appendix writes string\)/);
  assert.match(r.stdout, /OCPP 2\.1 {4}SequenceList, required/);
  assert.match(r.stdout, /libocpp {5}required at start-up/);
});

test('a 2.1-only variable says so for 2.0.1, and attribute rows are listed one by one', async () => {
  const r = await runCli(['explain', 'ConnectedEV.DCVoltage'], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /attributes MinSet\/MaxSet: decimal, unit V, optional \(the appendix writes DCVoltage\(Min\/MaxSet\)\)/);
  assert.match(r.stdout, /attributes Target: decimal, unit V/);
});

test('a bare variable name explains every component that has it', async () => {
  const r = await runCli(['explain', 'SecurityProfile'], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^SecurityCtrlr\.SecurityProfile$/m);
  assert.match(r.stdout, /^NetworkConfiguration\.SecurityProfile$/m);
  assert.match(r.stdout, /NetworkConfiguration is not an OCPP 2\.0\.1 component/);
});

test('a component lists its standard variables per release', async () => {
  const r = await runCli(['explain', 'ReservationCtrlr'], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /OCPP 2\.0\.1 {2}standard component, 3 variables of its own/);
  assert.match(r.stdout, /NonEvseSpecific +boolean, optional/);
});

test('an unknown name exits 2 with close matches', async () => {
  const r = await runCli(['explain', 'OCPPCommCtrlr.HeartbeatIntervall'], { cwd: ROOT });
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'ocppctl: "OCPPCommCtrlr.HeartbeatIntervall" is no rule id, OCPP component or variable; did you mean OCPPCommCtrlr.HeartbeatInterval?\n',
  );
  const bare = await runCli(['explain', 'Heartbeatinterval'], { cwd: ROOT });
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /did you mean HeartbeatInterval\?/);
});

test('with --config it shows where the variable is, with its value, but never a password', { skip: !existsSync(EVEREST) }, async () => {
  const r = await runCli(['explain', 'SecurityCtrlr.BasicAuthPassword', '--config', EVEREST], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /standardized\/SecurityCtrlr\.json:\d+:\d+ {2}\(secret, \d+ characters\)/);
  const hb = await runCli(['explain', 'OCPPCommCtrlr.HeartbeatInterval', '--config', EVEREST], { cwd: ROOT });
  assert.match(hb.stdout, /in the config:\n {4}.*standardized\/OCPPCommCtrlr\.json:\d+:5 {2}\d+\n/);
});

test('a custom component from the config is explained from libocpp and the config alone', async () => {
  const r = await runCli(['explain', 'CabinetHeater.Setpoint', '--config', fixture('broken/spec-unit-of-measure')], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /CabinetHeater is not an OCPP 2\.1 component/);
  assert.match(r.stdout, /custom\/CabinetHeater\.json:7:5 {2}5/);
});
