import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestNames, GENERIC, loadCatalog, rowMatchesInstance } from '../../src/catalog/index.js';

const specificComponents = (release: '2.0.1' | '2.1') =>
  new Set(
    loadCatalog(release)
      .data.rows.filter((r) => r.component !== GENERIC)
      .map((r) => r.component),
  ).size;

test('the 2.0.1 Edition 3 catalog has 249 rows, 64 required, 28 components with rows plus generic rows', () => {
  const c = loadCatalog('2.0.1');
  assert.equal(c.data.rows.length, 249);
  assert.equal(c.data.rows.filter((r) => r.required === 'yes').length, 64);
  assert.equal(specificComponents('2.0.1'), 28);
  assert.equal(c.data.rows.filter((r) => r.component === GENERIC).length, 69);
  assert.equal(c.data.unitsOfMeasure.length, 33);
});

test('the 2.1 Edition 2 catalog has 438 rows, 122 required, 8 required with V2X, 36 components with rows (TxCtlrl is TxCtrlr)', () => {
  const c = loadCatalog('2.1');
  assert.equal(c.data.rows.length, 438);
  assert.equal(c.data.rows.filter((r) => r.required === 'yes').length, 122);
  assert.equal(c.data.rows.filter((r) => r.required === 'V2X').length, 8);
  assert.equal(specificComponents('2.1'), 36);
  assert.ok(c.isUnitOfMeasure('mHz'));
  assert.ok(!loadCatalog('2.0.1').isUnitOfMeasure('mHz'));
});

test('CustomizationCtrlr counts as a standard 2.0.1 component although components.csv lacks it', () => {
  assert.ok(loadCatalog('2.0.1').isComponent('CustomizationCtrlr'));
});

test('data types use the device-model spelling only', () => {
  for (const release of ['2.0.1', '2.1'] as const)
    for (const r of loadCatalog(release).data.rows)
      assert.ok(
        r.dataType === undefined ||
          ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'].includes(r.dataType),
        `${r.component}.${r.variable}: ${r.dataType}`,
      );
  const password = loadCatalog('2.0.1').facts('SecurityCtrlr', 'BasicAuthPassword');
  assert.equal(password?.rows[0].dataType, 'string');
  assert.equal(password?.rows[0].appendix?.dataType, 'passwordString');
});

test('facts fall back to the generic rows for a variable any component may have', () => {
  const c = loadCatalog('2.0.1');
  const facts = c.facts('OCPPCommCtrlr', 'Enabled');
  assert.equal(facts?.rows[0].component, GENERIC);
  assert.equal(c.facts('OCPPCommCtrlr', 'HeartbeatIntervall'), undefined);
});

test('a misspelt variable gets the standard name as suggestion', () => {
  const c = loadCatalog('2.0.1');
  assert.deepEqual(c.suggestVariable('OCPPCommCtrlr', 'HeartbeatIntervall').slice(0, 1), ['HeartbeatInterval']);
  assert.deepEqual(closestNames('heartbeatinterval', ['HeartbeatInterval', 'Interval']), ['HeartbeatInterval']);
  assert.deepEqual(closestNames('Foo', ['HeartbeatInterval']), []);
});

test('a placeholder row covers matching instances only; a plain row only the absent instance', () => {
  const c = loadCatalog('2.1');
  const [msg] = c.rowsOf('TariffCostCtrlr').filter((r) => r.variable === 'TariffFallbackMessage');
  assert.ok(rowMatchesInstance(msg, 'en'));
  assert.ok(!rowMatchesInstance(msg, undefined));
  const [hb] = c.rowsOf('OCPPCommCtrlr').filter((r) => r.variable === 'HeartbeatInterval');
  assert.ok(rowMatchesInstance(hb, undefined));
  assert.ok(!rowMatchesInstance(hb, 'x'));
});
