import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ObjectNode, ValueNode } from '@humanwhocodes/momoa';
import { isLegacyBlob, isSecretVariable, maskedValues } from '../diagnostics/redact.js';
import { applyTextEdits, nodeAt, setJsonValue } from '../files/json-text-edit.js';
import type { TextEdit } from '../files/json-text-edit.js';
import { joinPointer, nlohmannNumberText } from '../model/index.js';
import type { SourceFile } from '../model/index.js';
import type { Compared, ComponentPair } from './db-compare.js';
import { attributePointer, matchAttributes, pairComponents, sameVariable } from './db-compare.js';
import type { DbComponent } from './db-state.js';
import { describeDmKey, describeVariable } from './libocpp-config.js';
import { MUTABILITIES } from './schema.js';

// db export --like: every component goes back into the file it came from, edited in place. Only the text of a
// value the station changed is replaced, so key names, order, descriptions, indentation and the JSON type of
// each value stay as the user wrote them, and a database nobody changed gives the files back byte for byte.

export interface LikeFile {
  /** standardized/X.json or custom/X.json */
  name: string;
  content: string;
  /** A secret value was written into it (only with includeSecrets). */
  secret: boolean;
}

export interface LikePlan {
  files: LikeFile[];
  /** Components of the database that no file of the tree has: written the way plain `db export` writes them. */
  newComponents: DbComponent[];
  /** Components libocpp adds by itself (OCPP16LegacyCtrlr) that the station changed: written as new files too. */
  changedBuiltIns: DbComponent[];
  notes: string[];
  /** "Component.Variable" of every secret value left out. */
  leftOut: Set<string>;
  values: number;
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a value is a secret, as the redaction layer decides: a filled value of a secret variable (by name or
 * WriteOnly), or a legacy blob that holds a filled password or key (a blob that does not parse counts as one).
 */
export function secretValue(component: string, variable: string, mutabilities: (number | string | undefined)[], value: unknown): boolean {
  if (!filled(value)) return false;
  const names = mutabilities.map((m) => (typeof m === 'number' ? MUTABILITIES[m] : m));
  const ctx = { component, variable };
  if (isSecretVariable(ctx) || names.some((m) => m === 'WriteOnly')) return true;
  if (!isLegacyBlob(ctx)) return false;
  try {
    return maskedValues(JSON.parse(String(value))).some((m) => filled(m.original));
  } catch {
    return true;
  }
}

/**
 * The text of a stored value as a JSON token of the type the file used there: a number stays a number and a
 * boolean a boolean when the stored text reads back as the same text; anything else becomes a string.
 */
function token(node: ValueNode | undefined, value: string): string {
  if (node?.type === 'Number' && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(value) && nlohmannNumberText(value) === value) return value;
  if (node?.type === 'Boolean' && (value === 'true' || value === 'false')) return value;
  return JSON.stringify(value);
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** An edit that removes member `key` of the object at `pointer`, with its comma and, when it has one, its line. */
function removeMember(text: string, root: ValueNode, pointer: string, key: string): TextEdit | undefined {
  const found = nodeAt(root, pointer);
  if (!found || found.node.type !== 'Object') return undefined;
  const obj: ObjectNode = found.node;
  let i = -1;
  obj.members.forEach((m, n) => {
    if (m.name.type === 'String' && m.name.value === key) i = n;
  });
  if (i < 0) return undefined;
  const m = obj.members[i];
  if (obj.members.length === 1) return { start: obj.loc.start.offset + 1, end: obj.loc.end.offset - 1, text: '' };
  if (i === obj.members.length - 1) return { start: obj.members[i - 1].loc.end.offset, end: m.loc.end.offset, text: '' };
  const next = obj.members[i + 1];
  const ownLine =
    /^\s*$/.test(text.slice(lineStart(text, m.loc.start.offset), m.loc.start.offset)) &&
    text.slice(m.loc.end.offset, next.loc.start.offset).includes('\n');
  return ownLine
    ? { start: lineStart(text, m.loc.start.offset), end: lineStart(text, next.loc.start.offset), text: '' }
    : { start: m.loc.start.offset, end: next.loc.start.offset, text: '' };
}

/** Edits that take every filled secret value (attribute values and defaults) out of a component file. */
function secretRemovals(file: SourceFile, root: ValueNode, leftOut: Set<string>): TextEdit[] {
  const edits: TextEdit[] = [];
  const doc = file.json;
  if (!isObject(doc) || !isObject(doc.properties)) return edits;
  const component = typeof doc.name === 'string' ? doc.name : basename(file.path, '.json');
  for (const [key, variable] of Object.entries(doc.properties)) {
    if (!isObject(variable)) continue;
    const name = typeof variable.variable_name === 'string' ? variable.variable_name : key;
    const attrs = Array.isArray(variable.attributes)
      ? variable.attributes.map((a, i) => [i, a] as const)
      : isObject(variable.attributes)
        ? Object.entries(variable.attributes)
        : [];
    const mutabilities = attrs.map(([, a]) => (isObject(a) && typeof a.mutability === 'string' ? a.mutability : undefined));
    const secret = (value: unknown) =>
      secretValue(component, name, mutabilities, value) || secretValue(component, key, mutabilities, value);
    const pointer = joinPointer('/properties', key);
    const before = edits.length;
    if (secret(variable.default)) {
      const e = removeMember(file.text, root, pointer, 'default');
      if (e) edits.push(e);
    }
    for (const [k, a] of attrs)
      if (isObject(a) && secret(a.value)) {
        const e = removeMember(file.text, root, joinPointer(pointer, 'attributes', k), 'value');
        if (e) edits.push(e);
      }
    if (edits.length > before) leftOut.add(`${component}.${name}`);
  }
  return edits;
}

/** Plans the files of `db export --like`: the tree's files with the database's values. Pure: reads only the tree's files. */
export function planLikeExport(compared: Compared, includeSecrets: boolean): LikePlan {
  const { tree, config, state } = compared;
  const { pairs, dbOnly } = pairComponents(config, state);
  const byFile = new Map<SourceFile, ComponentPair>();
  for (const p of pairs) if (p.tree.file) byFile.set(p.tree.file, p);
  const plan: LikePlan = { files: [], newComponents: dbOnly, changedBuiltIns: [], notes: [], leftOut: new Set(), values: 0 };
  const skipped = new Set(config.warnings.map((w) => w.file));

  for (const file of tree.files) {
    const name = `${file.folder}/${basename(file.path)}`;
    if (skipped.has(file.file)) {
      plan.notes.push(`${name}: libocpp skips this file, so the database has nothing from it; left out`);
      continue;
    }
    const effective = config.components.find((c) => c.file === file);
    const pair = byFile.get(file);
    if (effective && !pair) {
      plan.notes.push(`${name}: the database has no component ${describeDmKey(effective.key)}; left out`);
      continue;
    }
    const root = file.root;
    if (!root) {
      plan.notes.push(`${name}: the file cannot be edited in place; left out`);
      continue;
    }
    const edits: TextEdit[] = [];
    let secret = false;
    if (pair) {
      const component = describeDmKey(pair.tree.key);
      for (const v of pair.tree.variables) {
        const dbv = pair.db.variables.find((d) => sameVariable(d, v));
        if (!dbv || !v.at) continue;
        const mutabilities = [...v.attributes.map((a) => a.mutability), ...dbv.attributes.map((a) => a.mutability)];
        for (const m of matchAttributes(v, dbv)) {
          if (!m.db || m.treeValue === m.db.value) continue;
          const label = `${component}.${describeVariable(v)}`;
          const isSecret = secretValue(pair.tree.key.name, v.name, mutabilities, m.db.value);
          // a secret the file holds is taken out below; one the station changed is never written
          if (!includeSecrets && (isSecret || secretValue(pair.tree.key.name, v.name, mutabilities, m.treeValue))) {
            if (isSecret) plan.leftOut.add(`${pair.tree.key.name}.${v.name}`);
            continue;
          }
          const pointer = attributePointer(v, m.index);
          if (m.db.value === undefined || pointer === undefined) {
            plan.notes.push(`${name}: ${label} has no stored value; the file's value is kept`);
            continue;
          }
          let edit: TextEdit;
          if (m.attribute.value !== undefined || m.fromDefault) {
            const at = m.fromDefault ? joinPointer(v.at.pointer, 'default') : joinPointer(pointer, 'value');
            const node = nodeAt(root, at)?.node;
            if (!node) continue;
            edit = { start: node.loc.start.offset, end: node.loc.end.offset, text: token(node, m.db.value) };
          } else {
            if (nodeAt(root, pointer)?.node.type !== 'Object') {
              plan.notes.push(`${name}: ${label}'s attribute is not an object; the stored value is not written`);
              continue;
            }
            edit = setJsonValue(file.text, root, pointer, 'value', m.db.value);
          }
          edits.push(edit);
          plan.values++;
          if (isSecret) secret = true;
        }
      }
      structuralNotes(name, pair, plan.notes);
    }
    if (!includeSecrets) {
      // a value the station changed is already skipped above; a secret the file itself holds is taken out here
      edits.push(...secretRemovals(file, root, plan.leftOut));
    }
    plan.files.push({ name, content: edits.length ? applyTextEdits(file.text, edits) : readFileSync(file.path, 'utf8'), secret });
  }
  // libocpp's built-in component (no file): written only when the station changed one of its values
  for (const p of pairs)
    if (
      !p.tree.file &&
      p.tree.variables.some((v) => {
        const dbv = p.db.variables.find((d) => sameVariable(d, v));
        return dbv !== undefined && matchAttributes(v, dbv).some((m) => m.db !== undefined && m.db.value !== m.treeValue);
      })
    )
      plan.changedBuiltIns.push(p.db);
  return plan;
}

// What --like cannot say by changing a value: told, so that nobody takes the export for the whole database
function structuralNotes(name: string, { tree, db }: ComponentPair, notes: string[]) {
  const component = describeDmKey(tree.key);
  for (const dbv of db.variables)
    if (!tree.variables.some((v) => sameVariable(v, dbv)))
      notes.push(
        `${name}: variable ${describeVariable(dbv)} of ${component} is only in the database; not written (ocppctl db diff lists it)`,
      );
  for (const v of tree.variables) {
    const dbv = db.variables.find((d) => sameVariable(d, v));
    if (!dbv) continue;
    if (dbv.customMonitors.length)
      notes.push(
        `${name}: ${component}.${describeVariable(v)} has ${dbv.customMonitors.length} monitor(s) a CSMS set; not written (ocppctl db diff lists them)`,
      );
  }
}
