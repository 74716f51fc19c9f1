import type { ConfigTree, Variable } from '../model/index.js';
import { effectiveValue } from '../model/index.js';
import type { EditSet } from './slot-tree.js';
import { priorityVariable, slotTokens, valuesListOf } from './slot-tree.js';

export interface PriorityState {
  variable: Variable;
  /** The Actual value as libocpp stores it, split on ',' without trimming. */
  tokens: string[];
  /** undefined when the variable has no valuesList (libocpp then allows any slot). */
  valuesList: string[] | undefined;
}

export function readPriorityState(tree: ConfigTree): PriorityState {
  const variable = priorityVariable(tree);
  const list = valuesListOf(variable);
  return { variable, tokens: slotTokens(effectiveValue(variable).value), valuesList: list === undefined ? undefined : slotTokens(list) };
}

/**
 * Writes a new priority value and valuesList. A single slot keeps the JSON type the file used (EVerest ships
 * the number 1); a list is a string, the only way to write "1,2".
 */
export function editPriority(edits: EditSet, state: PriorityState, tokens: string[], valuesList: string[] | undefined) {
  const raw = effectiveValue(state.variable).raw;
  const text = tokens.join(',');
  const value = typeof raw === 'number' && /^[1-9]\d*$/.test(text) ? Number(text) : text;
  if (text !== state.tokens.join(',') || typeof raw !== typeof value) edits.setValue(state.variable, value);
  if (valuesList && valuesList.join(',') !== state.valuesList?.join(','))
    edits.setCharacteristic(state.variable, 'valuesList', valuesList.join(','));
  // a default naming a slot the valuesList no longer holds fails libocpp's SequenceList check if the value is
  // ever reset to it; follow the new value there
  const def = state.variable.data.default;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a default that is not a scalar only has to give tokens outside the list (other rules report its type)
  if (valuesList && def !== undefined && slotTokens(String(def)).some((t) => !valuesList.includes(t))) {
    edits.setMember(state.variable, 'default', text);
  }
}
