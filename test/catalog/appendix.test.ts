import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPENDIX_DIRS,
  buildCatalog,
  decodeCsv,
  normaliseDataType,
  normaliseUnits,
  parseCsv,
  parseInstance,
  readAppendix,
  serializeCatalog,
  splitAttributeNotation,
} from '../../src/catalog/appendix.js';
import type { Release } from '../../src/catalog/index.js';
import { REFERENCE, ROOT } from '../support/paths.js';

const STANDARD = join(REFERENCE, 'ocpp-standard');
const haveCsvs = existsSync(STANDARD);
const skip = haveCsvs ? false : 'the OCA appendix CSVs are not present';

for (const release of ['2.0.1', '2.1'] as Release[]) {
  test(`the committed ${release} catalog equals what the generator makes from the appendix CSVs`, { skip }, () => {
    const { dir, source } = APPENDIX_DIRS[release];
    const fresh = serializeCatalog(buildCatalog(release, source, readAppendix(join(STANDARD, dir))));
    const committed = readFileSync(join(ROOT, 'src/catalog/data', `ocpp-${release}.json`), 'utf8');
    assert.ok(fresh === committed, `src/catalog/data/ocpp-${release}.json is stale: run npm run gen:catalog and review the diff`);
  });
}

test('cells and headers are trimmed and quoted descriptions with ; and newlines stay one cell', () => {
  const rows = parseCsv('Name ; DataType ; Unit ; Description\n PublicKey ;string ;; "a; b\nc ""d"""\n\n');
  assert.deepEqual(rows, [{ Name: 'PublicKey', DataType: 'string', Unit: '', Description: 'a; b\nc "d"' }]);
});

test('bytes that are not UTF-8 decode to replacement characters instead of failing', () => {
  const text = decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0x3b, 0x92, 0x42, 0x0a]));
  assert.equal(text, 'A;\uFFFDB\n');
});

test('passwordString and identifierString become string, DateTime becomes dateTime, empty stays unset', () => {
  assert.equal(normaliseDataType('passwordString'), 'string');
  assert.equal(normaliseDataType('identifierString'), 'string');
  assert.equal(normaliseDataType('DateTime'), 'dateTime');
  assert.equal(normaliseDataType('dateTime'), 'dateTime');
  assert.equal(normaliseDataType(''), undefined);
  assert.throws(() => normaliseDataType('float'), /unknown data type "float"/);
});

test('unit alternatives split and % / Var use the units-of-measure spelling', () => {
  assert.deepEqual(normaliseUnits('Wh, kWh'), ['Wh', 'kWh']);
  assert.deepEqual(normaliseUnits('W,kW'), ['W', 'kW']);
  assert.deepEqual(normaliseUnits('%'), ['Percent']);
  assert.deepEqual(normaliseUnits('Var'), ['var']);
  assert.equal(normaliseUnits(''), undefined);
});

test("attribute notation in 2.1 variable names is split from the name, in both editions' spellings", () => {
  assert.deepEqual(splitAttributeNotation('ACCurrent(Min/MaxSet)'), { name: 'ACCurrent', attributes: ['MinSet', 'MaxSet'] });
  assert.deepEqual(splitAttributeNotation('DCVoltage(Target)'), { name: 'DCVoltage', attributes: ['Target'] });
  assert.deepEqual(splitAttributeNotation('ACCurrent.min/maxSet'), { name: 'ACCurrent', attributes: ['MinSet', 'MaxSet'] });
  assert.deepEqual(splitAttributeNotation('StateOfCharge.actual'), { name: 'StateOfCharge', attributes: ['Actual'] });
  assert.deepEqual(splitAttributeNotation('HeartbeatInterval'), { name: 'HeartbeatInterval' });
});

test('instance placeholders become patterns; fixed instances stay names', () => {
  assert.deepEqual(parseInstance('Default'), { instance: 'Default' });
  assert.deepEqual(parseInstance(''), {});
  const n = parseInstance('<n>');
  assert.equal(n.instancePlaceholder, '<n>');
  assert.match('3', new RegExp(n.instancePattern!));
  const range = parseInstance('1, 2 .. 20');
  assert.match('20', new RegExp(range.instancePattern!));
  assert.doesNotMatch('21', new RegExp(range.instancePattern!));
  assert.doesNotMatch('0', new RegExp(range.instancePattern!));
  const lang = parseInstance('<language>');
  assert.match('de-DE', new RegExp(lang.instancePattern!));
  const mode = parseInstance('<OperationMode>');
  assert.match('CentralSetpoint', new RegExp(mode.instancePattern!));
  assert.doesNotMatch('Sideways', new RegExp(mode.instancePattern!));
});

test(
  '2.1 Edition 1, with its invalid bytes and dotted attribute names, still parses (437 rows and a line of empty cells)',
  { skip },
  () => {
    const files = readAppendix(join(STANDARD, 'ocpp-2.1-edition1/Appendices_CSV_v2.0'));
    const data = buildCatalog('2.1', 'Edition 1', files);
    assert.equal(data.rows.length, 437);
    const soc = data.rows.find((r) => r.variable === 'StateOfCharge' && r.attributes?.[0] === 'Actual');
    assert.equal(soc?.appendix?.variable, 'StateOfCharge.actual');
    assert.ok(data.rows.every((r) => !/[(.]/.test(r.variable)));
  },
);

test('the 2.1 Edition 2 quirks end up normalised in the catalog', { skip }, () => {
  const { dir, source } = APPENDIX_DIRS['2.1'];
  const data = buildCatalog('2.1', source, readAppendix(join(STANDARD, dir)));
  assert.ok(!data.components.includes('TxCtlrl'));
  const resumption = data.rows.find((r) => r.variable === 'EnergyTransferResumptionRandomRange');
  assert.equal(resumption?.component, 'TxCtrlr');
  assert.equal(resumption?.appendix?.component, 'TxCtlrl');
  assert.equal(data.rows.filter((r) => r.required === 'V2X').length, 8);
  assert.deepEqual(
    data.rows.filter((r) => r.required === 'unspecified').map((r) => [r.variable, r.dataType]),
    [
      ['SignStartedReadings', undefined],
      ['SignUpdatedReadings', undefined],
    ],
  );
  assert.ok(data.rows.every((r) => r.variable === r.variable.trim() && r.component === r.component.trim()));
  assert.ok(data.rows.some((r) => r.component === 'FiscalMetering' && r.variable === 'PublicKey'));
});

test("NetworkConfigurationPriority is a SequenceList as the specification says, not the CSV's string", { skip }, () => {
  for (const release of ['2.0.1', '2.1'] as Release[]) {
    const { dir, source } = APPENDIX_DIRS[release];
    const row = buildCatalog(release, source, readAppendix(join(STANDARD, dir))).rows.find(
      (r) => r.variable === 'NetworkConfigurationPriority',
    );
    assert.equal(row?.dataType, 'SequenceList');
    assert.equal(row?.appendix?.dataType, 'string');
  }
});
