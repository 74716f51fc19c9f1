import { findComponent, findVariable, effectiveValue, locate, storedText } from '../model/index.js';
import type { ConfigTree, SourceFile } from '../model/index.js';
import { slotView } from '../slots/index.js';
import type { SlotRecord } from '../slots/index.js';
import type { SlotEndpoint } from './station-connect.js';

export interface EndpointOverrides {
  url?: string;
  identity?: string;
  /** the password text read from --password-env; a secret */
  password?: string;
}

export interface SlotChoice {
  slot: number;
  endpoint?: SlotEndpoint;
  /** why this slot cannot be dialled, with where it is written */
  problem?: { message: string; hint: string };
  /** the slot's profile comes from the legacy InternalCtrlr.NetworkConnectionProfiles blob */
  fromBlob?: boolean;
}

export type Selection = { slot: number } | { all: true } | { first: true };

const at = (file: SourceFile | undefined, pointer: string | undefined) => {
  if (!file) return '';
  const pos = locate(file, pointer ?? '');
  return ` (${file.file}${pointer ? ` ${pointer}` : ''}, line ${pos.line}, column ${pos.column})`;
};

/** The slots to try, in order: --slot N, every listed slot with --all-slots, else the first of NetworkConfigurationPriority. */
export function chooseSlots(tree: ConfigTree, selection: Selection): number[] | { error: string } {
  const view = slotView(tree);
  if ('slot' in selection) return [selection.slot];
  const listed = [...new Set(view.priority.slots)];
  if (listed.length === 0)
    return {
      error: `OCPPCommCtrlr.NetworkConfigurationPriority lists no slot${at(view.priority.file, view.priority.pointer)}; pass --slot N`,
    };
  return 'all' in selection ? listed : [listed[0]];
}

/**
 * What the station dials for one slot, with command-line overrides on top of the slot on top of SecurityCtrlr
 * (CONTRACT: flags > slot > SecurityCtrlr). A slot with no usable profile that the legacy blob fills at
 * first start (libocpp migrate_from_blob_if_needed) is read from the blob, as the station would.
 */
export function endpointFor(tree: ConfigTree, slot: number, o: EndpointOverrides): SlotChoice {
  const view = slotView(tree);
  const rec = view.bySlot.get(slot);
  const security = findComponent(tree, 'SecurityCtrlr');
  const securityText = (name: string) => {
    const v = findVariable(security, name);
    const text = v ? effectiveValue(v, 'Actual').value : undefined;
    return text === '' ? undefined : text;
  };

  let base: {
    url?: string;
    sp?: number;
    timeout?: number;
    identity?: string;
    identitySource: SlotEndpoint['identitySource'];
    password?: string;
    passwordSource: SlotEndpoint['passwordSource'];
  };
  let fromBlob = false;
  if (rec?.usable) {
    base = {
      url: rec.url,
      sp: rec.securityProfile,
      timeout: rec.messageTimeout,
      identity: rec.identity.value,
      identitySource: rec.identity.value ? rec.identity.source : 'none',
      password: secretText(rec),
      passwordSource: rec.password.set ? rec.password.source : 'none',
    };
  } else if (view.blob.outcome === 'migrates' && view.blob.migratedSlots.has(slot)) {
    const entry = blobEntry(tree, slot);
    if (!entry) return { slot, problem: { message: `slot ${slot}: the legacy blob entry cannot be read`, hint: 'run ocppctl validate' } };
    fromBlob = true;
    const identity = entry.identity || securityText('Identity');
    const password = entry.basicAuthPassword || securityText('BasicAuthPassword');
    base = {
      url: entry.ocppCsmsUrl,
      sp: entry.securityProfile,
      timeout: entry.messageTimeout,
      identity,
      identitySource: entry.identity ? 'slot' : identity ? 'SecurityCtrlr' : 'none',
      password,
      passwordSource: entry.basicAuthPassword ? 'slot' : password ? 'SecurityCtrlr' : 'none',
    };
  } else if (rec && !(o.url && rec.problem?.variable === 'OcppCsmsUrl')) {
    const p = rec.problem!;
    return {
      slot,
      problem: {
        message: `slot ${slot} has no usable connection profile: ${p.message}${at(p.file, p.pointer)}`,
        hint: `fix NetworkConfiguration_${slot} (ocppctl validate shows every problem)`,
      },
    };
  } else if (!rec) {
    return {
      slot,
      problem: {
        message: `there is no NetworkConfiguration component for slot ${slot}`,
        hint: `ocppctl add-slot --slot ${slot}, or pick a listed slot`,
      },
    };
  } else {
    // the slot lacks only its URL and --url supplies it
    const sp = rec.values.SecurityProfile?.value;
    const timeout = rec.values.MessageTimeout?.value;
    base = {
      sp: sp === undefined ? undefined : Number.parseInt(sp, 10),
      timeout: timeout === undefined ? undefined : Number.parseInt(timeout, 10),
      identity: rec.identity.value,
      identitySource: rec.identity.value ? rec.identity.source : 'none',
      password: secretText(rec),
      passwordSource: rec.password.set ? rec.password.source : 'none',
    };
  }

  const url = o.url ?? base.url ?? '';
  const identity = o.identity ?? base.identity ?? '';
  const endpoint: SlotEndpoint = {
    slot,
    csmsUrl: url,
    securityProfile: base.sp ?? 0,
    identity,
    identitySource: o.identity !== undefined ? 'flag' : base.identitySource,
    passwordSource: o.password !== undefined ? 'env' : base.passwordSource,
    // libocpp needs MessageTimeout ≥ 1; the message queue's own default is 30 s
    messageTimeout: base.timeout !== undefined && base.timeout >= 1 ? base.timeout : 30,
  };
  const password = o.password ?? base.password;
  if (password) endpoint.password = password;
  return { slot, endpoint, ...(fromBlob ? { fromBlob } : {}) };
}

/** The password libocpp sends: read from where the slot reader says it is; it never leaves this process. */
function secretText(rec: SlotRecord): string | undefined {
  const { file, pointer, set } = rec.password;
  if (!set || !file || !pointer) return undefined;
  let node: unknown = file.json;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined || node === null ? undefined : storedText(node);
}

interface BlobConnectionData {
  ocppCsmsUrl?: string;
  securityProfile?: number;
  messageTimeout?: number;
  identity?: string;
  basicAuthPassword?: string;
}

function blobEntry(tree: ConfigTree, slot: number): BlobConnectionData | undefined {
  const v = findVariable(findComponent(tree, 'InternalCtrlr'), 'NetworkConnectionProfiles');
  const text = v ? effectiveValue(v, 'Actual').value : undefined;
  try {
    const list = JSON.parse(text ?? '') as { configurationSlot?: unknown; connectionData?: BlobConnectionData }[];
    return list.find((e) => e.configurationSlot === slot)?.connectionData;
  } catch {
    return undefined;
  }
}
