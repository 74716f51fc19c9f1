// Where the OCA appendix contradicts itself (or the Part 2 specification) about a variable's data type.
// The catalog holds `standard`; a config that writes `alsoWritten` follows another part of the same standard,
// so the spec rules call it a warning and say which part says what, not an error.
import type { DataType, Release } from './catalog-data.js';

export interface AppendixContradiction {
  /** A component name, or `*` for the appendix's `<generic>` rows (any component). */
  component: string;
  variable: string;
  releases: readonly Release[];
  /** The data type the catalog holds and the rules expect. */
  standard: DataType;
  /** The data type another part of the standard gives. */
  alsoWritten: DataType;
  /** Which part says what, for the message. */
  says: string;
  /** What to do about it, for the hint. */
  advice: string;
  /** The appendix row itself is wrong: the catalog generator writes `standard` into it (scripts/gen-catalog.mjs). */
  fixRow?: boolean;
}

export const APPENDIX_CONTRADICTIONS: readonly AppendixContradiction[] = [
  {
    component: 'OCPPCommCtrlr',
    variable: 'NetworkConfigurationPriority',
    releases: ['2.0.1', '2.1'],
    standard: 'SequenceList',
    alsoWritten: 'string',
    says: "dm_components_vars.csv writes string, the Part 2 specification (and 2.1's variables.csv, and libocpp) SequenceList",
    advice: 'write SequenceList, as libocpp and the specification do',
    fixRow: true,
  },
  {
    component: '*',
    variable: 'PhaseRotation',
    releases: ['2.1'],
    standard: 'OptionList',
    alsoWritten: 'string',
    says: "dm_components_vars.csv writes OptionList, 2.1's variables.csv (and libocpp) string",
    advice: 'OptionList is what the appendix rows give, string what libocpp ships; check which one your CSMS expects',
  },
  {
    component: 'OCPPCommCtrlr',
    variable: 'ActiveNetworkProfile',
    releases: ['2.1'],
    standard: 'string',
    alsoWritten: 'boolean',
    says: "dm_components_vars.csv writes string, 2.1's variables.csv boolean (libocpp ships integer, the slot number)",
    advice: 'string is what the appendix rows give; check which one your CSMS expects',
  },
];

/** The known contradiction about Component.Variable in this release, if any. */
export function contradictionFor(release: Release, component: string, variable: string): AppendixContradiction | undefined {
  return APPENDIX_CONTRADICTIONS.find(
    (c) => c.variable === variable && (c.component === '*' || c.component === component) && c.releases.includes(release),
  );
}
