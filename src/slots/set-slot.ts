import { OcppctlError } from '../errors.js';
import type { FilePlan } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import { findVariable } from '../model/index.js';
import { slotNotes, settingsProblem } from './add-slot.js';
import type { SlotSettings } from './add-slot.js';
import { readLegacyBlob } from '../model/slots/legacy-blob.js';
import { planMigrate } from './migrate.js';
import type { SlotRecord } from '../model/slots/read.js';
import { slotView } from '../model/slots/slot-view.js';
import { templateVariable } from './slot-template.js';
import { EditSet, slotComponents } from './slot-tree.js';
import { urlProblem } from './slot-input.js';
import { maskUserInfo } from '../protocol/station-uri.js';
import { treeAfter } from './would-be-tree.js';

/** What `set-slot` changes; absent fields keep the slot's value. An empty identity means SecurityCtrlr.Identity. */
export type SlotChanges = Partial<SlotSettings>;

/** The slot to edit, read from the tree as libocpp will see it after start-up. */
export interface SlotToEdit {
  slot: number;
  tree: ConfigTree;
  /** The slot as libocpp reads it after start-up (after the legacy blob's migration, when there is one). */
  record: SlotRecord;
  /** The legacy blob migrates into this tree's slots at start-up: the tree after that migration, and its plan. */
  migrated?: { tree: ConfigTree; plan: FilePlan; secrets: string[] };
  /** The blob fills this slot at start-up. */
  filledByBlob: boolean;
  /** NetworkConfigurationPriority lists this slot. */
  listed: boolean;
  /** The settings libocpp would use now (values missing from the files stay undefined). */
  current: Partial<SlotSettings> & { passwordSet: boolean; passwordSource: 'slot' | 'SecurityCtrlr' | 'none' };
}

export interface SetSlotResult {
  plan: FilePlan;
  notes: string[];
  /** Secret values the plan writes or clears, for masking a diff. */
  secrets: string[];
}

/**
 * Finds slot N. A slot that has no NetworkConfiguration component is an input error (add-slot creates one).
 * When libocpp would migrate the legacy InternalCtrlr.NetworkConnectionProfiles blob at start-up, the slot
 * is read from the tree after that migration: giving a listed slot a URL would otherwise make libocpp clear
 * the blob unread, and the slot would lose the profile the station dials today.
 */
export function slotToEdit(tree: ConfigTree, n: number): SlotToEdit {
  if (!Number.isInteger(n) || n < 1) throw new OcppctlError('USAGE', `the slot must be a whole number ≥ 1, got ${n}`);
  let work = tree;
  let migrated: SlotToEdit['migrated'];
  const blob = readLegacyBlob(tree);
  if (blob.outcome === 'migrates') {
    const m = planMigrate(tree);
    if (m.plan.changes.length > 0) {
      work = treeAfter(tree, m.plan);
      migrated = { tree: work, plan: m.plan, secrets: m.secrets };
    }
  }
  const component = slotComponents(work).get(n);
  const record = component && slotView(work).slots.find((s) => s.component === component);
  if (!component || !record) {
    throw new OcppctlError(
      'INPUT',
      `there is no slot ${n} in ${tree.displayRoot} (no NetworkConfiguration component with instance "${n}"); create it with ocppctl add-slot --slot ${n}`,
    );
  }
  const text = (name: string) => record.values[name]?.value;
  const int = (name: string) => (/^-?\d+$/.test(text(name) ?? '') ? Number(text(name)) : undefined);
  return {
    slot: n,
    tree,
    record,
    migrated,
    filledByBlob: blob.migratedSlots.has(n),
    listed: slotView(tree).priority.slots.includes(n),
    current: {
      url: text('OcppCsmsUrl'),
      securityProfile: int('SecurityProfile'),
      interface: text('OcppInterface'),
      transport: text('OcppTransport'),
      messageTimeout: int('MessageTimeout'),
      identity: text('Identity'),
      passwordSet: record.password.set,
      passwordSource: record.password.set ? record.password.source : 'none',
    },
  };
}

const VARIABLE: Record<keyof SlotSettings, string> = {
  url: 'OcppCsmsUrl',
  securityProfile: 'SecurityProfile',
  interface: 'OcppInterface',
  transport: 'OcppTransport',
  messageTimeout: 'MessageTimeout',
  identity: 'Identity',
  password: 'BasicAuthPassword',
};

// what add-slot writes when no flag says otherwise
const DEFAULTS = { interface: 'Any', transport: 'JSON', messageTimeout: 30 } as const;

/**
 * Changes the given values of an existing slot, each where the slot's file holds it (a missing variable is
 * added from the slot template). Values are written as JSON strings, the form libocpp stores them in.
 */
export function planSetSlot(target: SlotToEdit, requested: SlotChanges): SetSlotResult {
  let changes = requested;
  if ((Object.keys(VARIABLE) as (keyof SlotSettings)[]).every((k) => changes[k] === undefined))
    throw new OcppctlError(
      'USAGE',
      'nothing to change: pass at least one of --url, --security-profile, --password-env, --identity, --interface, --transport, --message-timeout',
    );
  const problem = settingsProblem(changes);
  if (problem) throw new OcppctlError('USAGE', problem);

  const { slot: n, current } = target;
  // a slot that is to have a URL needs the rest of libocpp's profile too (EVerest ships slot 2 with no values)
  const filled: string[] = [];
  if (changes.url ?? current.url) {
    if (changes.securityProfile === undefined && current.securityProfile === undefined) {
      throw new OcppctlError(
        'USAGE',
        `slot ${n} has no SecurityProfile, and libocpp cannot dial it without one; pass --security-profile 0-3 too`,
      );
    }
    for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
      if (changes[key] !== undefined || current[key] !== undefined) continue;
      changes = { ...changes, [key]: DEFAULTS[key] };
      filled.push(`${VARIABLE[key]} ${DEFAULTS[key]}`);
    }
  }
  const given = (Object.keys(VARIABLE) as (keyof SlotSettings)[]).filter((k) => changes[k] !== undefined);
  // libocpp migrates the blob only while no listed slot has a URL: a slot the blob fills, or a listed slot given a
  // URL, is edited on the tree after the migration, so the blob's profiles are kept rather than cleared unread
  const migrate = target.migrated && (target.filledByBlob || (target.listed && Boolean(changes.url))) ? target.migrated : undefined;
  const work = migrate?.tree ?? target.tree;
  const component = slotComponents(work).get(n)!;
  const profile = changes.securityProfile ?? current.securityProfile;
  const url = changes.url ?? current.url;
  if ((changes.url !== undefined || changes.securityProfile !== undefined) && url && profile !== undefined) {
    const mismatch = urlProblem(url, profile);
    if (mismatch) {
      const fix =
        changes.url === undefined
          ? `; the slot's URL is ${maskUserInfo(url)}, pass a new one with --url`
          : changes.securityProfile === undefined
            ? `; the slot's security profile is ${profile}, pass --security-profile too`
            : '';
      throw new OcppctlError('USAGE', `${mismatch}${fix}`);
    }
  }
  const ownPassword = changes.password !== undefined || (current.passwordSet && current.passwordSource === 'slot');
  const notes = slotNotes(
    work,
    n,
    { securityProfile: profile, password: ownPassword, identity: changes.identity ?? current.identity },
    new Set(given),
  );
  if (filled.length)
    notes.push(
      `slot ${n} had no value for ${filled.map((f) => f.split(' ')[0]).join(', ')}; written as add-slot does: ${filled.join(', ')}`,
    );

  const edits = new EditSet();
  for (const key of given) {
    const name = VARIABLE[key];
    const value = String(changes[key]);
    const variable = findVariable(component, name);
    if (variable) edits.setValue(variable, value);
    else edits.addVariable(component, name, templateVariable(name, value));
  }
  const own = edits.changes();
  const plan: FilePlan = { root: work.root, command: 'set-slot', changes: migrate ? composeChanges(migrate.plan.changes, own) : own };
  if (migrate) {
    notes.unshift(
      target.filledByBlob
        ? `InternalCtrlr.NetworkConnectionProfiles is migrated into the slots first, as libocpp does at start-up (ocppctl migrate), so slot ${n} keeps the rest of its profile`
        : `InternalCtrlr.NetworkConnectionProfiles is migrated into the slots first (ocppctl migrate): with a URL in slot ${n}, libocpp would clear it unread`,
    );
  }
  return { plan, notes, secrets: [...(migrate?.secrets ?? []), ...(changes.password !== undefined ? [changes.password] : [])] };
}

/** One plan from two in a row: `second` was computed on the tree after `first`. */
function composeChanges(first: FilePlan['changes'], second: FilePlan['changes']): FilePlan['changes'] {
  const out = [...first];
  for (const c of second) {
    const i = out.findIndex((f) => f.path === c.path);
    if (i < 0) out.push(c);
    else {
      const f = out[i];
      if (c.kind === 'delete' || f.kind === 'delete') throw new Error(`cannot compose a change that deletes ${c.file}`);
      out[i] = { ...f, after: c.after };
    }
  }
  return out;
}
