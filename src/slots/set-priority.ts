import { OcppctlError } from '../errors.js';
import type { FilePlan } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import { editPriority, readPriorityState } from './priority-edit.js';
import { summarizeSlots } from './slot-summary.js';
import { EditSet } from './slot-tree.js';

/** "2, 1,3" → [2, 1, 3]; spaces around the numbers are forgiven here, never written (libocpp rejects "1, 2"). */
export function parsePriorityList(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^[1-9]\d*$/.test(p)))
    throw new OcppctlError('USAGE', `the priority list must be slot numbers separated by commas, like 2,1,3; got "${text}"`);
  const slots = parts.map(Number);
  const dup = slots.find((s, i) => slots.indexOf(s) !== i);
  if (dup !== undefined) throw new OcppctlError('USAGE', `slot ${dup} appears twice in "${text}"`);
  return slots;
}

/** Sets NetworkConfigurationPriority, adding the listed slots to its valuesList so libocpp accepts the value. */
export function planSetPriority(tree: ConfigTree, slots: number[], opts: { force?: boolean } = {}): { plan: FilePlan; notes: string[] } {
  if (slots.length === 0) throw new OcppctlError('USAGE', 'the priority list needs at least one slot');
  const rows = summarizeSlots(tree);
  const notes: string[] = [];
  for (const n of slots) {
    const row = rows.find((r) => r.slot === n && r.file !== null);
    const problem = !row
      ? `slot ${n} does not exist (no NetworkConfiguration_${n})`
      : !row.usable
        ? `slot ${n} is not usable: ${row.reason}`
        : undefined;
    if (!problem) continue;
    if (!opts.force) throw new OcppctlError('REFUSED', `${problem}; fix it first or pass --force`);
    notes.push(`${problem}; libocpp will skip it`);
  }
  const state = readPriorityState(tree);
  const tokens = slots.map(String);
  const missing = state.valuesList ? tokens.filter((t) => !state.valuesList!.includes(t)) : [];
  const valuesList = state.valuesList && missing.length ? sortIfNumeric([...state.valuesList, ...missing]) : state.valuesList;
  const edits = new EditSet();
  editPriority(edits, state, tokens, valuesList);
  return { plan: { root: tree.root, command: 'set-priority', changes: edits.changes() }, notes };
}

const sortIfNumeric = (list: string[]) => (list.every((t) => /^\d+$/.test(t)) ? [...list].sort((a, b) => Number(a) - Number(b)) : list);
