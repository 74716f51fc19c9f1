import { join } from 'node:path';
import { attributes, componentsNamed, effectiveValue, findComponent, findVariable, storedText } from '../model/index.js';
import type { Component, ConfigTree, SourceFile, Variable } from '../model/index.js';
import { applyTextEdits, setJsonValue } from '../files/index.js';
import type { FileChange, TextEdit } from '../files/index.js';
import { OcppctlError } from '../errors.js';

export const SLOT_COMPONENT = 'NetworkConfiguration';

/** Slot components by number; only instances that are a plain positive integer name a slot libocpp can use. */
export function slotComponents(tree: ConfigTree): Map<number, Component> {
  const out = new Map<number, Component>();
  for (const c of componentsNamed(tree, SLOT_COMPONENT)) {
    if (c.key.instance !== undefined && /^[1-9]\d*$/.test(c.key.instance)) out.set(Number(c.key.instance), c);
  }
  return out;
}

export const slotFileName = (n: number) => `${SLOT_COMPONENT}_${n}.json`;

export function variableOf(tree: ConfigTree, component: string, variable: string, instance?: { instance?: string }): Variable | undefined {
  return findVariable(findComponent(tree, component, instance), variable);
}

/** The stored (text) Actual value, or undefined when the variable or its value is missing. */
export const actualText = (v: Variable | undefined) => (v ? effectiveValue(v, 'Actual').value : undefined);

export function priorityVariable(tree: ConfigTree): Variable {
  const v = variableOf(tree, 'OCPPCommCtrlr', 'NetworkConfigurationPriority');
  if (!v)
    throw new OcppctlError(
      'INPUT',
      `${tree.displayRoot} has no OCPPCommCtrlr.NetworkConfigurationPriority; libocpp needs it to choose a slot`,
    );
  return v;
}

export function valuesListOf(v: Variable): string | undefined {
  const ch = v.data.characteristics as Record<string, unknown> | undefined;
  return typeof ch?.valuesList === 'string' ? ch.valuesList : undefined;
}

/** Integer tokens the way libocpp reads a SequenceList of slots: split on ',', untrimmed. */
export const slotTokens = (text: string | undefined): string[] => (text === undefined || text === '' ? [] : text.split(','));

/** Values are written as JSON strings, the form libocpp stores them in (rule value-style): 30 → "30", true → "true". */
export const storedForm = (value: unknown): unknown =>
  typeof value === 'number' || typeof value === 'boolean' ? storedText(value) : value;

/** Collects text edits per file so a command's changes become one FilePlan. */
export class EditSet {
  private readonly edits = new Map<SourceFile, TextEdit[]>();
  private readonly created: FileChange[] = [];
  private readonly deleted: FileChange[] = [];

  setValue(variable: Variable, value: unknown) {
    const source = variable.component.source;
    const attr = attributes(variable).find((a) => (a.data.type ?? 'Actual') === 'Actual');
    if (!attr) throw new OcppctlError('INPUT', `${source.file}: ${variable.name} has no Actual attribute to hold a value`);
    this.add(source, setJsonValue(source.text, source.root!, attr.pointer, 'value', storedForm(value)));
  }

  setCharacteristic(variable: Variable, key: string, value: unknown) {
    const source = variable.component.source;
    this.add(source, setJsonValue(source.text, source.root!, `${variable.pointer}/characteristics`, key, value));
  }

  setMember(variable: Variable, key: string, value: unknown) {
    const source = variable.component.source;
    this.add(source, setJsonValue(source.text, source.root!, variable.pointer, key, value));
  }

  /** Sets `key` of the object at `pointer` (an attribute's mutability, for instance). */
  setAt(source: SourceFile, pointer: string, key: string, value: unknown) {
    this.add(source, setJsonValue(source.text, source.root!, pointer, key, value));
  }

  /** Adds a variable to a component's properties, indented like its neighbours. */
  addVariable(component: Component, name: string, definition: unknown) {
    const source = component.source;
    if (!source.root) throw new OcppctlError('INPUT', `${source.file} is not valid JSON; fix it first (ocppctl validate)`);
    const edit = setJsonValue(source.text, source.root, '/properties', name, definition);
    const indent = /\n([ \t]*)"/.exec(edit.text)?.[1];
    const text =
      indent === undefined
        ? edit.text
        : edit.text.replace(JSON.stringify(definition), () => JSON.stringify(definition, null, 2).replace(/\n/g, '\n' + indent));
    this.add(source, { ...edit, text });
  }

  create(tree: ConfigTree, folder: 'standardized' | 'custom', name: string, text: string) {
    const path = join(tree.root, folder, name);
    this.created.push({ kind: 'create', path, file: displayIn(tree, `${folder}/${name}`), after: text });
  }

  delete(source: SourceFile) {
    this.deleted.push({ kind: 'delete', path: source.path, file: source.file, before: source.text });
  }

  private add(source: SourceFile, edit: TextEdit) {
    if (!source.root) throw new OcppctlError('INPUT', `${source.file} is not valid JSON; fix it first (ocppctl validate)`);
    const list = this.edits.get(source) ?? [];
    list.push(edit);
    this.edits.set(source, list);
  }

  changes(): FileChange[] {
    const edited: FileChange[] = [...this.edits].map(([s, e]) => ({
      kind: 'edit',
      path: s.path,
      file: s.file,
      before: s.text,
      after: applyTextEdits(s.text, e),
    }));
    return [...this.created, ...edited, ...this.deleted].filter((c) => c.kind !== 'edit' || c.before !== c.after);
  }
}

const displayIn = (tree: ConfigTree, rel: string) => (tree.displayRoot === '.' ? rel : `${tree.displayRoot}/${rel}`);
