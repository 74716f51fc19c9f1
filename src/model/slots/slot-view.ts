import type { ConfigTree } from '../index.js';
import { readLegacyBlob } from './legacy-blob.js';
import type { LegacyBlob } from './legacy-blob.js';
import { readPriority, readSlots } from './read.js';
import type { PriorityRecord, SlotRecord } from './read.js';

export interface SlotView {
  priority: PriorityRecord;
  slots: SlotRecord[];
  bySlot: Map<number, SlotRecord>;
  blob: LegacyBlob;
  /** A slot libocpp can dial after start-up: usable as written, or filled by the legacy blob migration. */
  configured(slot: number): boolean;
}

const cache = new WeakMap<ConfigTree, SlotView>();

/** Priority, slots and legacy blob of one tree, read once and shared by the slot rules. */
export function slotView(tree: ConfigTree): SlotView {
  let view = cache.get(tree);
  if (view) return view;
  const priority = readPriority(tree);
  const slots = readSlots(tree, priority);
  const bySlot = new Map<number, SlotRecord>();
  for (const s of slots) if (s.slot !== undefined && !bySlot.has(s.slot)) bySlot.set(s.slot, s);
  const blob = readLegacyBlob(tree, priority, slots);
  view = {
    priority,
    slots,
    bySlot,
    blob,
    configured: (n) => (blob.outcome === 'migrates' && blob.migratedSlots.has(n)) || bySlot.get(n)?.usable === true,
  };
  cache.set(tree, view);
  return view;
}
