import { findComponent } from '../index.js';
import type { ConfigTree, SourceFile } from '../index.js';
import { OCPP_INTERFACES, OCPP_TRANSPORTS, readPriority, readSlots, storedValue } from './read.js';
import type { PriorityRecord, SlotRecord } from './read.js';

export interface BlobEntry {
  index: number;
  /** configurationSlot, when it is an integer. */
  slot?: number;
  /** Why libocpp would skip this entry; undefined when it migrates. */
  problem?: string;
}

/**
 * What libocpp's migrate_from_blob_if_needed does with InternalCtrlr.NetworkConnectionProfiles at start-up:
 * - `absent`: no blob or "" (nothing happens);
 * - `ignored`: a listed slot already has an OcppCsmsUrl, so the blob is cleared unread;
 * - `malformed`: not JSON, so the migration fails and retries on every boot;
 * - `empty`: an empty array, cleared;
 * - `migrates`: its entries are written into NetworkConfiguration_<configurationSlot>, then it is cleared.
 */
export type BlobOutcome = 'absent' | 'ignored' | 'malformed' | 'empty' | 'migrates';

export interface LegacyBlob {
  outcome: BlobOutcome;
  file?: SourceFile;
  pointer: string;
  /** For `ignored`: the listed slot whose URL makes libocpp skip the migration. */
  populatedSlot?: number;
  /** For `malformed`: where parsing failed, without quoting the text (it may hold a password). */
  parseError?: string;
  entries: BlobEntry[];
  /** Slots a successful entry fills: these count as configured even when their files have no URL yet. */
  migratedSlots: Set<number>;
}

export function readLegacyBlob(
  tree: ConfigTree,
  priority: PriorityRecord = readPriority(tree),
  slots: SlotRecord[] = readSlots(tree, priority),
): LegacyBlob {
  const internal = findComponent(tree, 'InternalCtrlr');
  const none: LegacyBlob = { outcome: 'absent', pointer: '', entries: [], migratedSlots: new Set() };
  if (!internal) return none;
  const blob = storedValue(internal, 'NetworkConnectionProfiles');
  const out: LegacyBlob = { ...none, file: blob.file, pointer: blob.pointer };
  if (!blob.present || blob.value === '') return out;

  // only slots named in the priority list are checked, and the first one with a URL stops the migration
  for (const n of priority.slots) {
    const slot = slots.find((s) => s.slot === n);
    const url = slot?.values.OcppCsmsUrl;
    if (url?.present && url.value !== '') return { ...out, outcome: 'ignored', populatedSlot: n };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(blob.value!);
  } catch (err) {
    // V8's message quotes the start of the text, and the blob may hold a basicAuthPassword: keep only the position
    const at = /at position (\d+)/.exec((err as Error).message);
    return { ...out, outcome: 'malformed', parseError: at ? `parse error at character ${Number(at[1]) + 1}` : 'parse error' };
  }
  // nlohmann's empty() is true for null, [] and {}; a range-for over an object visits its values
  const list = parsed === null ? [] : Array.isArray(parsed) ? parsed : isObject(parsed) ? Object.values(parsed) : [parsed];
  if (list.length === 0) return { ...out, outcome: 'empty' };
  out.outcome = 'migrates';
  list.forEach((entry, index) => {
    const e = checkEntry(entry, index);
    out.entries.push(e);
    if (!e.problem && e.slot !== undefined) out.migratedSlots.add(e.slot);
  });
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// The parts of nlohmann's from_json for SetNetworkProfileRequest that can throw, plus the DM's
// MessageTimeout minimum of 1 that makes write_profile_to_device_model fail.
function checkEntry(entry: unknown, index: number): BlobEntry {
  if (!isObject(entry)) return { index, problem: 'is not an object' };
  const slot = entry.configurationSlot;
  if (typeof slot !== 'number' || !Number.isInteger(slot)) return { index, problem: 'has no integer configurationSlot' };
  const data = entry.connectionData;
  if (!isObject(data)) return { index, slot, problem: 'has no connectionData object' };
  for (const key of ['ocppCsmsUrl', 'ocppInterface', 'ocppTransport', 'messageTimeout', 'securityProfile']) {
    if (!(key in data)) return { index, slot, problem: `has no connectionData.${key}` };
  }
  if (typeof data.ocppCsmsUrl !== 'string') return { index, slot, problem: 'has a connectionData.ocppCsmsUrl that is not a string' };
  if (!(OCPP_INTERFACES as readonly unknown[]).includes(data.ocppInterface))
    return { index, slot, problem: `has an unknown ocppInterface` };
  if (!(OCPP_TRANSPORTS as readonly unknown[]).includes(data.ocppTransport))
    return { index, slot, problem: `has an unknown ocppTransport` };
  if (typeof data.securityProfile !== 'number' || !Number.isInteger(data.securityProfile))
    return { index, slot, problem: 'has a securityProfile that is not an integer' };
  if (typeof data.messageTimeout !== 'number' || !Number.isInteger(data.messageTimeout))
    return { index, slot, problem: 'has a messageTimeout that is not an integer' };
  if (data.messageTimeout < 1) return { index, slot, problem: 'has a messageTimeout below 1, which the slot does not accept' };
  return { index, slot };
}
