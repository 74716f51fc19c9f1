export { Catalog, loadCatalog, otherRelease, rowMatchesInstance } from './catalog.js';
export type { VariableFacts } from './catalog.js';
export { RELEASES, DATA_TYPES, ATTRIBUTE_TYPES, GENERIC } from './catalog-data.js';
export type { CatalogData, CatalogRow, GenericVariable, Release, Requiredness, DataType } from './catalog-data.js';
export { closestNames, editDistance } from './closest-names.js';
