// The project's own compact form of the OCA device-model appendix (one file per release in data/).
// Facts only: names, data types, units, required-ness; the OCA descriptions are not carried over.

export const RELEASES = ['2.0.1', '2.1'] as const;
export type Release = (typeof RELEASES)[number];

/** The data types libocpp's parser accepts (case-sensitive), which a device model must use. */
export const DATA_TYPES = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const ATTRIBUTE_TYPES = ['Actual', 'Target', 'MinSet', 'MaxSet'] as const;
export type AttributeTypeName = (typeof ATTRIBUTE_TYPES)[number];

/**
 * `yes` = required when the component is implemented; `V2X` = required when V2X is supported (2.1);
 * `unspecified` = the appendix leaves the column empty.
 */
export type Requiredness = 'yes' | 'no' | 'V2X' | 'unspecified';

export const GENERIC = '*';

export interface CatalogRow {
  /** Component name, or `*` for the appendix's `<generic>` rows (a variable any component may have). */
  component: string;
  variable: string;
  /** A fixed instance name. */
  instance?: string;
  /** An instance placeholder as the appendix writes it (`<n>`, `<language>`, `1, 2 .. 20`) … */
  instancePlaceholder?: string;
  /** … and the instance names it stands for, as a regular expression source. */
  instancePattern?: string;
  /** Attribute types named in the appendix's variable name, e.g. `ACCurrent(Min/MaxSet)`. */
  attributes?: AttributeTypeName[];
  required: Requiredness;
  dataType?: DataType;
  /** Allowed units; the appendix gives alternatives such as `Wh, kWh`. */
  units?: string[];
  /** What the appendix wrote where the catalog normalised it. */
  appendix?: { component?: string; variable?: string; dataType?: string; units?: string };
}

export interface GenericVariable {
  name: string;
  dataType?: DataType;
  units?: string[];
  appendix?: { dataType?: string; units?: string };
}

export interface CatalogData {
  release: Release;
  /** Which edition and appendix version the data was derived from. */
  source: string;
  /** Every standardized component name (components.csv plus names the rows use). */
  components: string[];
  /** The open enumeration of units of measure. */
  unitsOfMeasure: string[];
  /** dm_components_vars.csv, one entry per row, in the appendix's order. */
  rows: CatalogRow[];
  /** variables.csv: component-independent variables. */
  variables: GenericVariable[];
}
