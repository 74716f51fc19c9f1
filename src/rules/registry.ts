import type { Rule } from './rule.js';
import jsonSyntax from './json-syntax.js';
import duplicateKey from './duplicate-key.js';
import ignoredFile from './ignored-file.js';
import componentSchema from './component-schema.js';
import specDataType from './spec-data-type.js';
import specOtherRelease from './spec-other-release.js';
import specRequiredVariable from './spec-required-variable.js';
import specUnit from './spec-unit.js';
import specUnitOfMeasure from './spec-unit-of-measure.js';
import specUnknownVariable from './spec-unknown-variable.js';

// One line per rule, sorted by id. A rule's file, docs page (docs/rules/<id>.md) and test
// (test/rules/<id>.test.ts) share its id; test/rules/registry.test.ts checks all three exist.
export const rules: readonly Rule[] = [
  componentSchema,
  duplicateKey,
  ignoredFile,
  jsonSyntax,
  specDataType,
  specOtherRelease,
  specRequiredVariable,
  specUnit,
  specUnitOfMeasure,
  specUnknownVariable,
].sort((a, b) => (a.id < b.id ? -1 : 1));
