import { LEGACY_CTRLR, LEGACY_CTRLR_FACTS as FACTS } from '../catalog/legacy-ctrlr.js';
import type { DmComponent, DmVariable } from './libocpp-config.js';
import { DATA_TYPES, MUTABILITIES } from './schema.js';

// libocpp's built-in OCPP16LegacyCtrlr; its facts live in src/catalog/legacy-ctrlr.ts, which validate reads too.
export { LEGACY_CTRLR };

/** The built-in component; its property keys equal the variable names, so variables sort by name. */
export function legacyCtrlr(): DmComponent {
  const variables: DmVariable[] = FACTS.map(([name, dataType, mutability, unit, defaultValue]) => ({
    name,
    characteristics: { dataType: DATA_TYPES.indexOf(dataType), supportsMonitoring: true, ...(unit ? { unit } : {}) },
    attributes: [{ type: 0, mutability: MUTABILITIES.indexOf(mutability === 'R' ? 'ReadOnly' : 'ReadWrite') }],
    monitors: [],
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  }));
  variables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { key: { name: LEGACY_CTRLR }, variables };
}
