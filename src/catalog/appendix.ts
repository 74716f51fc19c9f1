// Turns the OCA Part 2 appendix CSVs into CatalogData. Used by scripts/gen-catalog.mjs and by the test that
// checks the committed data files still match the CSVs; never at run time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ATTRIBUTE_TYPES, DATA_TYPES, GENERIC } from './catalog-data.js';
import { APPENDIX_CONTRADICTIONS } from './contradictions.js';
import type { AttributeTypeName, CatalogData, CatalogRow, DataType, GenericVariable, Release, Requiredness } from './catalog-data.js';

export interface AppendixFiles {
  dmComponentsVars: Uint8Array;
  components: Uint8Array;
  variables: Uint8Array;
  unitsOfMeasure: Uint8Array;
}

/** Where each release's newest appendix sits inside the reference folder `ocpp-standard/`. */
export const APPENDIX_DIRS: Record<Release, { dir: string; source: string }> = {
  '2.0.1': {
    dir: 'ocpp-2.0.1-edition3/Appendices_CSV_v1.4',
    source: 'OCPP 2.0.1 Edition 3, Part 2 Appendices v1.4 (CSV), © Open Charge Alliance, CC BY-ND 4.0',
  },
  '2.1': {
    dir: 'ocpp-2.1-edition2/Appendices_CSV_v2.1',
    source: 'OCPP 2.1 Edition 2, Part 2 Appendices v2.1 (CSV), © Open Charge Alliance, CC BY-ND 4.0',
  },
};

export function readAppendix(dir: string): AppendixFiles {
  const read = (name: string) => readFileSync(join(dir, name));
  return {
    dmComponentsVars: read('dm_components_vars.csv'),
    components: read('components.csv'),
    variables: read('variables.csv'),
    unitsOfMeasure: read('units_of_measure.csv'),
  };
}

// 2.1 Edition 1's dm_components_vars.csv has a few bytes that are not UTF-8 (in descriptions only): decode
// with replacement characters instead of failing, and drop a BOM should an export ever carry one.
export const decodeCsv = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), 'utf8', { stripBOM: true });

/** `;`-separated, header first; headers and cells carry stray spaces, so every cell is trimmed. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = parse(text, { delimiter: ';', trim: true, skip_empty_lines: true, relax_column_count: true });
  const [header, ...rows] = records;
  return rows.filter((cells) => cells.some((c) => c !== '')).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

// The appendix names two Part 2 primitive types that a device model writes as `string`, and 2.1 spells
// dateTime with a capital D in six rows; libocpp's parser accepts only the DATA_TYPES spellings.
const DATA_TYPE_ALIASES: Record<string, DataType> = { passwordString: 'string', identifierString: 'string', DateTime: 'dateTime' };

export function normaliseDataType(text: string): DataType | undefined {
  if (text === '') return undefined;
  const type = DATA_TYPE_ALIASES[text] ?? text;
  if (!(DATA_TYPES as readonly string[]).includes(type)) throw new Error(`unknown data type "${text}" in the appendix`);
  return type;
}

// 2.1 rows write `%` and `Var` where the units-of-measure list (and so a device model) says `Percent` and `var`.
const UNIT_ALIASES: Record<string, string> = { '%': 'Percent', Var: 'var' };

/** `Wh, kWh` lists alternatives. */
export function normaliseUnits(text: string): string[] | undefined {
  if (text === '') return undefined;
  return text.split(',').map((u) => UNIT_ALIASES[u.trim()] ?? u.trim());
}

// 2.1 Edition 2 writes `ACCurrent(Min/MaxSet)`, `DCVoltage(Target)`; Edition 1 wrote `ACCurrent.min/maxSet`.
// Both name a variable plus the attribute types the row is about.
export function splitAttributeNotation(text: string): { name: string; attributes?: AttributeTypeName[] } {
  const m = /^([A-Za-z0-9]+)(?:\(([^)]*)\)|\.([A-Za-z/]+))$/.exec(text);
  if (!m) return { name: text };
  const tokens = (m[2] ?? m[3]).split('/').map((t) => t.trim());
  const last = tokens[tokens.length - 1];
  const attributes = tokens.map((t) => {
    // "Min/MaxSet" shares the "Set" suffix of its last token
    const full = /set$/i.test(last) && !/set$/i.test(t) ? `${t}Set` : t;
    const type = ATTRIBUTE_TYPES.find((a) => a.toLowerCase() === full.toLowerCase());
    if (!type) throw new Error(`unknown attribute "${t}" in variable name "${text}"`);
    return type;
  });
  return { name: m[1], attributes };
}

// OperationModeEnumType of OCPP 2.1, the instances V2XChargingCtrlr's `<OperationMode>` rows stand for.
const OPERATION_MODES = [
  'Idle',
  'ChargingOnly',
  'CentralSetpoint',
  'ExternalSetpoint',
  'ExternalLimits',
  'CentralFrequency',
  'LocalFrequency',
  'LocalLoadBalancing',
];

const PLACEHOLDER_PATTERNS: Record<string, string> = {
  '<n>': '^[0-9]+$',
  '<Priority>': '^[0-9]+$',
  '<vendorId>': '^.+$',
  // RFC 5646 language tags as OCPP uses them (e.g. en, de-DE)
  '<language>': '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$',
  '<OperationMode>': `^(${OPERATION_MODES.join('|')})$`,
};

/** A fixed instance, a `<placeholder>`, or a numeric range such as `1, 2 .. 20`. */
export function parseInstance(text: string): Pick<CatalogRow, 'instance' | 'instancePlaceholder' | 'instancePattern'> {
  if (text === '') return {};
  if (/^<[^>]+>$/.test(text)) return { instancePlaceholder: text, instancePattern: PLACEHOLDER_PATTERNS[text] ?? '^.+$' };
  const range = /^(\d+)\s*,\s*\d+\s*\.\.\s*(\d+)$/.exec(text);
  if (range) {
    const values: number[] = [];
    for (let n = Number(range[1]); n <= Number(range[2]); n++) values.push(n);
    return { instancePlaceholder: text, instancePattern: `^(${values.join('|')})$` };
  }
  return { instance: text };
}

function parseRequired(text: string): Requiredness {
  if (text === 'yes' || text === 'no' || text === 'V2X') return text;
  if (text === '') return 'unspecified';
  throw new Error(`unknown Required? value "${text}" in the appendix`);
}

// Where a dm_components_vars.csv row contradicts the rest of the standard (NetworkConfigurationPriority is
// `string` there, a SequenceList in Part 2): the known contradictions marked fixRow (src/catalog/contradictions.ts).
const ERRATA: Record<string, { dataType: DataType }> = Object.fromEntries(
  APPENDIX_CONTRADICTIONS.filter((c) => c.fixRow).map((c) => [`${c.component}.${c.variable}`, { dataType: c.standard }]),
);

// Typos in the appendix's component names (2.1 v2.1 writes TxCtlrl once for TxCtrlr).
const COMPONENT_FIXES: Record<string, string> = { TxCtlrl: 'TxCtrlr' };

export function toRow(cells: Record<string, string>): CatalogRow {
  const rawComponent = cells['Specific Component'];
  const component = rawComponent === '<generic>' ? GENERIC : (COMPONENT_FIXES[rawComponent] ?? rawComponent);
  const { name, attributes } = splitAttributeNotation(cells.Variable);
  const dataType = ERRATA[`${component}.${name}`]?.dataType ?? normaliseDataType(cells.DataType);
  const units = normaliseUnits(cells.Unit);
  const row: CatalogRow = { component, variable: name, ...parseInstance(cells.Instance), required: parseRequired(cells['Required?']) };
  if (attributes) row.attributes = attributes;
  if (dataType) row.dataType = dataType;
  if (units) row.units = units;
  const appendix: NonNullable<CatalogRow['appendix']> = {};
  if (component !== GENERIC && component !== rawComponent) appendix.component = rawComponent;
  if (name !== cells.Variable) appendix.variable = cells.Variable;
  if (dataType !== undefined && dataType !== cells.DataType) appendix.dataType = cells.DataType;
  if (units && units.join(', ') !== cells.Unit) appendix.units = cells.Unit;
  if (Object.keys(appendix).length) row.appendix = appendix;
  return row;
}

function toGenericVariable(cells: Record<string, string>): GenericVariable {
  const dataType = normaliseDataType(cells.DataType);
  const units = normaliseUnits(cells.Unit);
  const v: GenericVariable = { name: cells.Name };
  if (dataType) v.dataType = dataType;
  if (units) v.units = units;
  const appendix: NonNullable<GenericVariable['appendix']> = {};
  if (dataType !== undefined && dataType !== cells.DataType) appendix.dataType = cells.DataType;
  if (units && units.join(', ') !== cells.Unit) appendix.units = cells.Unit;
  if (Object.keys(appendix).length) v.appendix = appendix;
  return v;
}

export function buildCatalog(release: Release, source: string, files: AppendixFiles): CatalogData {
  const rows = parseCsv(decodeCsv(files.dmComponentsVars)).map(toRow);
  // 2.0.1's components.csv lacks CustomizationCtrlr although its rows use it: take the union
  const components = new Set(
    parseCsv(decodeCsv(files.components))
      .map((c) => c.Component)
      .filter(Boolean),
  );
  for (const r of rows) if (r.component !== GENERIC) components.add(r.component);
  return {
    release,
    source,
    components: [...components].sort(),
    unitsOfMeasure: parseCsv(decodeCsv(files.unitsOfMeasure)).map((u) => u.Value),
    rows,
    variables: parseCsv(decodeCsv(files.variables)).map(toGenericVariable),
  };
}

/** Stable text: one row per line, so a regenerated file diffs line by line. */
export function serializeCatalog(data: CatalogData): string {
  const list = (items: unknown[]) => `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return (
    '{\n' +
    `  "release": ${JSON.stringify(data.release)},\n` +
    `  "source": ${JSON.stringify(data.source)},\n` +
    `  "components": ${JSON.stringify(data.components)},\n` +
    `  "unitsOfMeasure": ${JSON.stringify(data.unitsOfMeasure)},\n` +
    `  "rows": ${list(data.rows)},\n` +
    `  "variables": ${list(data.variables)}\n` +
    '}\n'
  );
}
