import { OcppctlError } from '../errors.js';
import type { FilePlan } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import { editPriority, readPriorityState } from './priority-edit.js';
import { slotNumberOf } from '../model/slots/read.js';
import { summarizeSlots } from './slot-summary.js';
import { EditSet, SLOT_COMPONENT } from './slot-tree.js';

export interface RemoveSlotResult {
  plan: FilePlan;
  notes: string[];
}

/**
 * Deletes slot N's file(s) and drops N from the priority value and valuesList. Refused, unless forced, when the
 * priority still lists N (the station would try a slot that no longer exists) or when no usable slot would remain.
 */
export function planRemoveSlot(tree: ConfigTree, n: number, opts: { force?: boolean } = {}): RemoveSlotResult {
  const files = tree.components.filter((c) => c.key.name === SLOT_COMPONENT && slotNumberOf(c) === n);
  const state = readPriorityState(tree);
  const listed = state.tokens.some((t) => t === String(n));
  if (files.length === 0 && !listed && !state.valuesList?.includes(String(n))) {
    throw new OcppctlError('REFUSED', `there is no slot ${n} in ${tree.displayRoot} (ocppctl slots lists them)`);
  }
  const rows = summarizeSlots(tree);
  const usableOthers = rows.filter((r) => r.usable && r.slot !== n);
  const self = rows.find((r) => r.slot === n);
  if (!opts.force) {
    if (listed) {
      const rest = state.tokens.filter((t) => t !== String(n));
      throw new OcppctlError(
        'REFUSED',
        `slot ${n} is listed in NetworkConfigurationPriority (${state.tokens.join(',')}); ` +
          (rest.length
            ? `run "ocppctl set-priority ${rest.join(',')}" first, or pass --force to drop it from the list too`
            : 'it is the only slot listed; add another slot first, or pass --force'),
      );
    }
    if (self?.usable && usableOthers.length === 0) {
      throw new OcppctlError(
        'REFUSED',
        `slot ${n} is the last usable slot; without it the station cannot reach a CSMS (pass --force to remove it anyway)`,
      );
    }
  }
  const notes: string[] = [];
  const edits = new EditSet();
  for (const c of files) edits.delete(c.source);
  const tokens = state.tokens.filter((t) => t !== String(n));
  const valuesList = state.valuesList?.filter((t) => t !== String(n));
  editPriority(edits, state, tokens, valuesList);
  if (listed && tokens.length === 0) notes.push('NetworkConfigurationPriority is now empty; the station has no slot to dial');
  return { plan: { root: tree.root, command: 'remove-slot', changes: edits.changes() }, notes };
}
