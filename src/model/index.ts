export { loadConfigTree, displayPath } from './load.js';
export type { LoadOptions } from './load.js';
export { locate, pointerOf, joinPointer, parseSourceFile } from './source-file.js';
export type { SourceFile, Folder, Position, FileProblem } from './source-file.js';
export { findComponent, findVariable, componentsNamed, describeKey, keyId, toComponent } from './config-tree.js';
export type { Component, ComponentKey, Variable, ConfigTree, IgnoredEntry, FindOptions } from './config-tree.js';
export { effectiveValue, attributes, storedText, storedTextAt } from './values.js';
export { nlohmannNumberText, nlohmannDouble } from './json-number-text.js';
export type { AttributeType, EffectiveValue } from './values.js';
