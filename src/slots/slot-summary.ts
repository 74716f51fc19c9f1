import type { ConfigTree } from '../model/index.js';
import { maskUserInfo } from '../protocol/station-uri.js';
import { readLegacyBlob } from '../model/slots/legacy-blob.js';
import { planMigrate } from './migrate.js';
import { treeAfter } from './would-be-tree.js';
import { readPriority, readSlots } from '../model/slots/read.js';
import type { SlotRecord } from '../model/slots/read.js';
import { actualText, variableOf } from './slot-tree.js';

/** One line of `ocppctl slots`; never carries a password, only whether one is set and where from. */
export interface SlotSummary {
  slot: number | null;
  file: string | null;
  url: string | null;
  securityProfile: number | null;
  interface: string | null;
  transport: string | null;
  messageTimeout: number | null;
  identity: { value: string | null; source: 'slot' | 'SecurityCtrlr' | 'none' };
  password: { set: boolean; source: 'slot' | 'SecurityCtrlr' | 'none' };
  /** 1-based position in NetworkConfigurationPriority, null when not listed. */
  priority: number | null;
  usable: boolean;
  reason: string | null;
  /** The values come from the legacy InternalCtrlr.NetworkConnectionProfiles blob, which libocpp migrates into the slot at start-up. */
  fromLegacyBlob: boolean;
}

/**
 * The slots as libocpp dials them after start-up: when the legacy blob migrates (no listed slot has a URL),
 * the slots it fills are read from the tree after that migration (the same plan as ocppctl migrate), the
 * way validate and connect count them.
 */
export function summarizeSlotsAtStart(tree: ConfigTree): SlotSummary[] {
  const blob = readLegacyBlob(tree);
  if (blob.outcome !== 'migrates' || blob.migratedSlots.size === 0) return summarizeSlots(tree);
  let after: ConfigTree;
  try {
    after = treeAfter(tree, planMigrate(tree).plan);
  } catch {
    // a blob the migration refuses fills no slot
    return summarizeSlots(tree);
  }
  const files = new Map(summarizeSlots(tree).map((r) => [r.slot, r.file]));
  return summarizeSlots(after).map((r) =>
    r.slot !== null && blob.migratedSlots.has(r.slot) ? { ...r, file: files.get(r.slot) ?? r.file, fromLegacyBlob: true } : r,
  );
}

/**
 * Usable means libocpp would dial the slot: it reads as a profile (read_profile_from_device_model) and
 * survives the connection manager's checks (profile 0 allowed, not below SecurityCtrlr.SecurityProfile,
 * URL scheme matching the profile, a password for basic auth).
 */
export function summarizeSlots(tree: ConfigTree): SlotSummary[] {
  const priority = readPriority(tree);
  const records = readSlots(tree, priority);
  const allowZero = actualText(variableOf(tree, 'InternalCtrlr', 'AllowSecurityLevelZeroConnections'))?.toLowerCase() === 'true';
  const activeText = actualText(variableOf(tree, 'SecurityCtrlr', 'SecurityProfile'));
  const active = activeText !== undefined && /^\d+$/.test(activeText) ? Number(activeText) : undefined;
  const rows: SlotSummary[] = records.map((r) => {
    const reason = r.problem?.message ?? dialProblem(r, allowZero, active);
    // an unusable slot stops read.ts at its first problem; show what the files hold anyway
    const text = (name: string) => r.values[name]?.value ?? null;
    const int = (name: string) => (text(name) !== null && /^-?\d+$/.test(text(name)!) ? Number(text(name)) : null);
    return {
      slot: r.slot ?? null,
      file: r.file.file,
      // user:password@ in a URL is a secret like BasicAuthPassword
      url: ((u) => (u === null ? null : maskUserInfo(u)))(r.url ?? text('OcppCsmsUrl')),
      securityProfile: r.securityProfile ?? int('SecurityProfile'),
      interface: r.ocppInterface ?? text('OcppInterface'),
      transport: r.ocppTransport ?? text('OcppTransport'),
      messageTimeout: r.messageTimeout ?? int('MessageTimeout'),
      identity: { value: r.identity.value ?? null, source: r.identity.source },
      password: { set: r.password.set, source: r.password.set ? r.password.source : 'none' },
      priority: r.priorityIndex === undefined ? null : r.priorityIndex + 1,
      usable: reason === undefined,
      reason: reason ?? null,
      fromLegacyBlob: false,
    };
  });
  // a listed slot without a component is still walked by libocpp (and skipped), so show it
  priority.slots.forEach((n, i) => {
    if (rows.some((r) => r.slot === n) || priority.slots.indexOf(n) !== i) return;
    rows.push({
      slot: n,
      file: null,
      url: null,
      securityProfile: null,
      interface: null,
      transport: null,
      messageTimeout: null,
      identity: { value: null, source: 'none' },
      password: { set: false, source: 'none' },
      priority: i + 1,
      usable: false,
      reason: `listed in NetworkConfigurationPriority but there is no NetworkConfiguration_${n}`,
      fromLegacyBlob: false,
    });
  });
  return rows.sort((a, b) => (a.slot ?? Infinity) - (b.slot ?? Infinity));
}

function dialProblem(r: SlotRecord, allowZero: boolean, active: number | undefined): string | undefined {
  const sp = r.securityProfile!;
  if (sp < 0 || sp > 3) return `SecurityProfile ${sp} is not 0 to 3`;
  if (sp === 0 && !allowZero) return 'security profile 0 and InternalCtrlr.AllowSecurityLevelZeroConnections is not true';
  if (active !== undefined && sp < active) return `security profile ${sp} is below SecurityCtrlr.SecurityProfile ${active}`;
  const scheme = /^([a-z]+):\/\//i.exec(r.url ?? '')?.[1]?.toLowerCase();
  const secure = scheme === 'wss' || scheme === 'https';
  const insecure = scheme === 'ws' || scheme === 'http';
  if (sp >= 2 && insecure) return `security profile ${sp} needs a wss:// URL`;
  if (sp < 2 && secure) return `security profile ${sp} needs a ws:// URL`;
  if ((sp === 1 || sp === 2) && !r.password.set)
    return `security profile ${sp} needs a password and neither the slot nor SecurityCtrlr has one`;
  return undefined;
}

const WIDTH = 80;

const usableText = (r: SlotSummary) =>
  r.usable ? (r.fromLegacyBlob ? 'yes, from the legacy blob' : 'yes') : r.fromLegacyBlob ? 'no, from the legacy blob' : 'no';

/**
 * The human table, no secrets. By default it fits 80 columns: slot, priority, profile, URL, identity,
 * password set or not, usable; why a slot is not usable follows below the table, and a URL or identity too long
 * for the width is shortened with "…". `wide` adds interface, transport, timeout and where identity and
 * password come from, one line per slot whatever the width.
 */
export function formatSlotTable(rows: readonly SlotSummary[], opts: { wide?: boolean } = {}): string {
  const cell = (v: string | number | null) => (v === null ? '-' : String(v));
  const url = (r: SlotSummary) => cell(r.url === '' ? '(empty)' : r.url);
  if (opts.wide) {
    const head = ['SLOT', 'PRIO', 'URL', 'SP', 'INTERFACE', 'TRANSPORT', 'TIMEOUT', 'IDENTITY', 'PASSWORD', 'USABLE'];
    const body = rows.map((r) => [
      cell(r.slot),
      cell(r.priority),
      url(r),
      cell(r.securityProfile),
      cell(r.interface),
      cell(r.transport),
      r.messageTimeout === null ? '-' : `${r.messageTimeout}s`,
      r.identity.value === null ? '-' : `${r.identity.value} (${r.identity.source})`,
      r.password.set ? `yes (${r.password.source})` : 'no',
      r.usable ? usableText(r) : `${usableText(r)}: ${r.reason}`,
    ]);
    return layout(head, body).join('\n');
  }
  const head = ['SLOT', 'PRIO', 'SP', 'URL', 'IDENTITY', 'PASSWORD', 'USABLE'];
  const body = rows.map((r) => [
    cell(r.slot),
    cell(r.priority),
    cell(r.securityProfile),
    url(r),
    cell(r.identity.value),
    r.password.set ? 'yes' : 'no',
    usableText(r),
  ]);
  // shorten the URL, then the identity, until the widest line fits
  const limits = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const total = () =>
    limits.reduce((sum, w, i) => sum + (i === limits.length - 1 ? 0 : w + GAPS[i]), 0) +
    Math.max(head.at(-1)!.length, ...body.map((b) => b.at(-1)!.length));
  for (const [col, min] of [
    [3, 20],
    [4, 10],
    [3, 10],
  ] as const) {
    const over = total() - WIDTH;
    if (over > 0) limits[col] = Math.min(limits[col], Math.max(min, limits[col] - over));
  }
  const shortened = body.map((b) =>
    b.map((c, i) => (i === head.length - 1 || c.length <= limits[i] ? c : c.slice(0, limits[i] - 1) + '…')),
  );
  const lines = layout(head, shortened, GAPS);
  const reasons = rows.filter((r) => !r.usable && r.reason);
  if (reasons.length) {
    lines.push('');
    for (const r of reasons)
      lines.push(...wrap(`slot ${cell(r.slot)}${r.slot === null && r.file ? ` (${r.file})` : ''}: ${r.reason}`, WIDTH, '  '));
  }
  return lines.join('\n');
}

// one space after the short number columns SLOT and PRIO, two elsewhere
const GAPS = [1, 1, 2, 2, 2, 2];

function layout(head: string[], body: string[][], gaps: readonly number[] = []): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + (gaps[i] ?? 2)))).join('');
  return [line(head), ...body.map(line)];
}

/** Breaks text at spaces into lines of at most `width` characters; a word longer than that keeps its own line. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length > width && line !== '' && line !== indent.trimEnd()) {
      lines.push(line);
      line = indent + word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
