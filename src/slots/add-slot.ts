import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OcppctlError } from '../errors.js';
import type { FilePlan } from '../files/index.js';
import type { ConfigTree } from '../model/index.js';
import { identityProblem, INTERFACES, passwordProblem, TRANSPORTS, urlProblem } from './slot-input.js';
import { editPriority, readPriorityState } from './priority-edit.js';
import { renderSlotFile } from './slot-template.js';
import type { SlotValues } from './slot-template.js';
import { actualText, EditSet, slotComponents, slotFileName, variableOf } from './slot-tree.js';

export interface SlotSettings {
  url: string;
  securityProfile: number;
  interface: string;
  transport: string;
  messageTimeout: number;
  /** Empty or absent: the slot uses SecurityCtrlr.Identity. */
  identity?: string;
  /** Absent: the slot uses SecurityCtrlr.BasicAuthPassword. */
  password?: string;
}

/** first, last, none (valuesList only, a spare slot like EVerest's slot 2), or a 1-based position. */
export type PriorityPlacement = 'first' | 'last' | 'none' | number;

export interface AddSlotResult {
  plan: FilePlan;
  slot: number;
  notes: string[];
}

export function nextFreeSlot(tree: ConfigTree): number {
  const used = slotComponents(tree);
  let n = 1;
  while (used.has(n) || slotFileExists(tree, n)) n++;
  return n;
}

const slotFileExists = (tree: ConfigTree, n: number) =>
  existsSync(join(tree.root, 'standardized', slotFileName(n))) || existsSync(join(tree.root, 'custom', slotFileName(n)));

/** Settings problems that make the command itself wrong (exit 2), checked before anything else; absent fields are not checked. */
export function settingsProblem(s: Partial<SlotSettings>): string | undefined {
  if (s.securityProfile !== undefined && (!Number.isInteger(s.securityProfile) || s.securityProfile < 0 || s.securityProfile > 3))
    return 'the security profile must be 0, 1, 2 or 3';
  const url = s.url === undefined ? undefined : urlProblem(s.url, s.securityProfile);
  if (url) return url;
  if (s.interface !== undefined && !(INTERFACES as readonly string[]).includes(s.interface))
    return `the interface must be one of ${INTERFACES.join(', ')}`;
  if (s.transport !== undefined && !(TRANSPORTS as readonly string[]).includes(s.transport))
    return `the transport must be one of ${TRANSPORTS.join(', ')}`;
  if (s.messageTimeout !== undefined && (!Number.isInteger(s.messageTimeout) || s.messageTimeout < 1))
    return 'the message timeout must be a whole number of seconds, at least 1';
  if (s.identity) {
    const id = identityProblem(s.identity);
    if (id) return id;
  }
  if (s.password !== undefined) return passwordProblem(s.password);
  return undefined;
}

/**
 * What a slot's settings mean on this station, for add-slot and set-slot alike. Profile 0 without
 * InternalCtrlr.AllowSecurityLevelZeroConnections is refused (libocpp skips the slot). A profile 1 or 2 slot
 * with no password anywhere is accepted, as validate accepts it (the password arrives at installation), with a
 * note. `touched` limits the notes to what a set-slot changes; add-slot passes none and gets them all.
 */
export function slotNotes(
  tree: ConfigTree,
  n: number,
  s: { securityProfile?: number; password: boolean; identity?: string },
  touched?: ReadonlySet<keyof SlotSettings>,
): string[] {
  const about = (...keys: (keyof SlotSettings)[]) => !touched || keys.some((k) => touched.has(k));
  const notes: string[] = [];
  const sp = s.securityProfile;
  if (
    sp === 0 &&
    about('securityProfile') &&
    actualText(variableOf(tree, 'InternalCtrlr', 'AllowSecurityLevelZeroConnections')) !== 'true'
  ) {
    throw new OcppctlError(
      'REFUSED',
      'security profile 0 is refused: libocpp skips such a slot unless InternalCtrlr.AllowSecurityLevelZeroConnections is true; use profile 1 or higher, or set that variable first',
    );
  }
  if ((sp === 1 || sp === 2) && !s.password && about('securityProfile', 'password')) {
    if (actualText(variableOf(tree, 'SecurityCtrlr', 'BasicAuthPassword')))
      notes.push(`slot ${n} has no password of its own; it uses SecurityCtrlr.BasicAuthPassword`);
    else
      notes.push(
        `slot ${n} (security profile ${sp}) has no password, neither its own nor SecurityCtrlr.BasicAuthPassword; libocpp cannot log in until one is provided at installation (ocppctl set-slot ${n} --password-env VAR)`,
      );
  }
  if (sp === 3 && s.password && about('securityProfile', 'password'))
    notes.push('security profile 3 sends no password; the slot password is stored but unused');
  const active = Number(actualText(variableOf(tree, 'SecurityCtrlr', 'SecurityProfile')));
  if (sp !== undefined && Number.isInteger(active) && sp < active && about('securityProfile')) {
    notes.push(
      `SecurityCtrlr.SecurityProfile is ${active}: libocpp skips slots with a lower profile and deletes them after the next successful connection`,
    );
  }
  if (!s.identity && about('identity')) notes.push(`slot ${n} has no identity of its own; it uses SecurityCtrlr.Identity`);
  return notes;
}

export function planAddSlot(tree: ConfigTree, s: SlotSettings, opts: { slot?: number; priority?: PriorityPlacement } = {}): AddSlotResult {
  const problem = settingsProblem(s);
  if (problem) throw new OcppctlError('USAGE', problem);
  const slots = slotComponents(tree);
  const n = opts.slot ?? nextFreeSlot(tree);
  if (!Number.isInteger(n) || n < 1) throw new OcppctlError('USAGE', `--slot must be a whole number ≥ 1, got ${n}`);
  const existing = slots.get(n);
  if (existing)
    throw new OcppctlError(
      'REFUSED',
      `slot ${n} already exists in ${existing.source.file}; change it with ocppctl set-slot ${n}, or pick another --slot`,
    );
  if (slotFileExists(tree, n))
    throw new OcppctlError(
      'REFUSED',
      `${slotFileName(n)} already exists in ${tree.displayRoot}; it does not hold a usable slot ${n}, fix or remove it first`,
    );

  const notes = slotNotes(tree, n, { securityProfile: s.securityProfile, password: s.password !== undefined, identity: s.identity });

  const values: SlotValues = {
    OcppCsmsUrl: s.url,
    SecurityProfile: s.securityProfile,
    OcppInterface: s.interface,
    OcppTransport: s.transport,
    MessageTimeout: s.messageTimeout,
    Identity: s.identity ?? '',
  };
  if (s.password !== undefined) values.BasicAuthPassword = s.password;
  const edits = new EditSet();
  edits.create(tree, 'standardized', slotFileName(n), renderSlotFile(n, values));

  const state = readPriorityState(tree);
  const placement = opts.priority ?? 'last';
  const tokens = state.tokens.filter((t) => t !== String(n));
  if (placement === 'first') tokens.unshift(String(n));
  else if (placement === 'last') tokens.push(String(n));
  else if (typeof placement === 'number') {
    if (!Number.isInteger(placement) || placement < 1 || placement > tokens.length + 1) {
      throw new OcppctlError('USAGE', `--priority position must be between 1 and ${tokens.length + 1}`);
    }
    tokens.splice(placement - 1, 0, String(n));
  } else notes.push(`slot ${n} is not in NetworkConfigurationPriority; libocpp will not use it until it is (ocppctl set-priority)`);
  // libocpp refuses a priority or SetNetworkProfile naming a slot missing from valuesList (device_model.cpp, provisioning.cpp)
  const valuesList = state.valuesList && !state.valuesList.includes(String(n)) ? withSlot(state.valuesList, n) : state.valuesList;
  editPriority(edits, state, placement === 'none' ? state.tokens : tokens, valuesList);
  return { plan: { root: tree.root, command: 'add-slot', changes: edits.changes() }, slot: n, notes };
}

/** Adds a slot to a valuesList, in numeric order when the list is all numbers. */
function withSlot(list: string[], n: number): string[] {
  const out = [...list, String(n)];
  return out.every((t) => /^\d+$/.test(t)) ? out.sort((a, b) => Number(a) - Number(b)) : out;
}
