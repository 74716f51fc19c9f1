import type { FilePlan } from '../files/index.js';
import { attributes, effectiveValue, findComponent, findVariable, storedText } from '../model/index.js';
import type { ConfigTree, Variable } from '../model/index.js';
import { characteristics } from '../rules/data-types.js';
import { EditSet } from '../slots/index.js';
import type { CompKey, Legacy16Plan, TargetModel, TargetVar, Write } from './plan.js';

// The plan on a component_config tree: each write becomes an in-place edit of the value it changes.

const componentOf = (tree: ConfigTree, key: CompKey) =>
  findComponent(tree, key.name, { instance: key.instance, evseId: key.evseId, connectorId: key.connectorId });

function actualAttr(v: Variable) {
  return attributes(v).find((a) => (a.data.type ?? 'Actual') === 'Actual');
}

export function treeModel(tree: ConfigTree): TargetModel {
  return {
    hasComponent: (key) => componentOf(tree, key) !== undefined,
    variable: (key, name, instance): TargetVar | undefined => {
      const v = findVariable(componentOf(tree, key), name, instance);
      if (!v) return undefined;
      const c = characteristics(v);
      const attr = actualAttr(v);
      return {
        dataType: c.dataType,
        minLimit: c.minLimit,
        maxLimit: c.maxLimit,
        valuesList: c.valuesList,
        hasActual: attr !== undefined,
        actualHasValue: attr !== undefined && 'value' in attr.data,
        mutability: typeof attr?.data.mutability === 'string' ? attr.data.mutability : undefined,
        current: effectiveValue(v, 'Actual').value,
        ownValue: attr !== undefined && 'value' in attr.data ? storedText(attr.data.value) : undefined,
        defaultText: 'default' in v.data ? storedText(v.data.default) : undefined,
      };
    },
  };
}

/** The FilePlan of the writes; a write that would not change the stored value is left out. */
export function filePlan(tree: ConfigTree, plan: Legacy16Plan): FilePlan {
  const edits = new EditSet();
  for (const w of plan.writes) {
    const v = findVariable(componentOf(tree, w.component), w.variable, w.instance)!;
    if (unchanged(v, w)) continue;
    if (w.field === 'value') edits.setValue(v, w.value);
    // the mutability sits beside the Actual value, in the attribute object
    else if (w.field === 'mutability') edits.setAt(v.component.source, actualAttr(v)!.pointer, 'mutability', w.value);
    else if (w.field === 'default') edits.setMember(v, 'default', w.value);
    else edits.setCharacteristic(v, w.field, w.value);
  }
  return { root: tree.root, command: 'migrate', changes: edits.changes() };
}

function unchanged(v: Variable, w: Write): boolean {
  const attr = actualAttr(v);
  if (w.field === 'value') return attr !== undefined && 'value' in attr.data && attr.data.value === w.value;
  if (w.field === 'mutability') return attr?.data.mutability === w.value;
  if (w.field === 'default') return v.data.default === w.value;
  const c = v.data.characteristics as Record<string, unknown> | undefined;
  return c?.[w.field] === w.value;
}
