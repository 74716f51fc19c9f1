import type { Action, PlanEntry, UpdatePlan } from './update-plan.js';
import { describeDmKey, describeVariable } from './libocpp-config.js';
import { ATTRIBUTE_TYPES } from './schema.js';
import { isLegacyBlob, isSecretVariable, maskSecret, redactBlob } from '../diagnostics/redact.js';

const MARK: Record<Action, string> = { add: '+', remove: '-', update: '~', keep: '=' };

function line(e: PlanEntry): string {
  const reason = e.reason ? ` (${e.reason})` : '';
  // a kept value is what the station keeps; the config's value is only mentioned, never shown as a target
  if (e.action === 'keep' && e.from !== undefined)
    return `= ${e.what} ${e.from} kept (the config says ${e.to ?? '(none)'}${e.reason ? `; ${e.reason}` : ''})`;
  const change =
    e.from !== undefined || e.to !== undefined
      ? e.action === 'add'
        ? ` ${e.to ?? ''}`
        : ` ${e.from ?? '(none)'} → ${e.to ?? '(none)'}`
      : '';
  return `${MARK[e.action]} ${e.what}${change.trimEnd()}${reason}`;
}

const WRITE_ONLY = 1; // MUTABILITIES.indexOf('WriteOnly')

/** Variables of the plan whose values are secrets, by "component\0variable" as the entries name them; blobs apart. */
function secretVariables(plan: UpdatePlan): { secret: Set<string>; blob: Set<string> } {
  const secret = new Set<string>();
  const blob = new Set<string>();
  const note = (
    component: string,
    v: { name: string; instance?: string; attributes: { mutability?: number }[] },
    more: { mutability?: number }[] = [],
  ) => {
    const key = `${component}\0${describeVariable(v)}`;
    const ctx = { component: component.replace(/ \(.*$/, ''), variable: v.name };
    if (
      isSecretVariable({
        ...ctx,
        mutability: [...v.attributes, ...more].some((a) => a.mutability === WRITE_ONLY) ? 'WriteOnly' : undefined,
      })
    )
      secret.add(key);
    else if (isLegacyBlob(ctx)) blob.add(key);
  };
  for (const step of plan.steps) {
    if (step.op === 'delete') {
      for (const v of step.db.variables) note(describeDmKey(step.db.key), v);
      continue;
    }
    const component = describeDmKey(step.component.key);
    for (const v of step.component.variables) note(component, v);
    if (step.op === 'update')
      for (const vs of step.variables) if (vs.op !== 'insert') note(component, vs.db, vs.op === 'update' ? vs.variable.attributes : []);
  }
  return { secret, blob };
}

// entries whose from/to are an attribute's value ("Actual", "Actual value"), not its mutability or persistence
const VALUE_ENTRY = new RegExp(`^(?:${ATTRIBUTE_TYPES.join('|')}|untyped attribute)(?: value)?$`);

function maskShown(shown: string | undefined, blob: boolean): string | undefined {
  if (shown === undefined || shown === '(none)') return shown;
  let raw: unknown;
  try {
    raw = JSON.parse(shown);
  } catch {
    raw = shown;
  }
  if (blob) return typeof raw === 'string' ? JSON.stringify(redactBlob(raw)) : shown;
  return maskSecret(raw);
}

/**
 * The plan's entries as they may be printed: the values of secret variables (by name or WriteOnly) shown as
 * their length, a secret that changed but keeps its length marked "changed", the legacy blob with its
 * passwords masked. Every printed form of a plan (stylish, json) goes through this.
 */
export function redactPlanEntries(plan: UpdatePlan): PlanEntry[] {
  const { secret, blob } = secretVariables(plan);
  return plan.entries.map((e) => {
    if (e.variable === undefined || !VALUE_ENTRY.test(e.what)) return e;
    const key = `${e.component}\0${e.variable}`;
    const isBlob = blob.has(key);
    if (!secret.has(key) && !isBlob) return e;
    const from = maskShown(e.from, isBlob);
    let to = maskShown(e.to, isBlob);
    if (to !== undefined && to === from && e.from !== e.to) {
      // the masks alike, the values not: say so, or the line would read as a change to nothing
      if (isBlob) return { ...e, from, to, reason: e.reason ?? 'only secret fields change' };
      to = to.replace(/\)$/, ', changed)');
    }
    return { ...e, from, to };
  });
}

/** A plan entry as `--format json` prints it: values as JSON values; a kept value as `value` and `configValue`. */
export interface JsonPlanEntry {
  action: Action;
  component: string;
  variable?: string;
  what: string;
  from?: unknown;
  to?: unknown;
  /** keep: what stays in the database. */
  value?: unknown;
  /** keep: what the config says, which the station's value outranks. */
  configValue?: unknown;
  reason?: string;
}

// PlanEntry.from/to are display texts: JSON for values (`"6"`, `22000`, `true`), bare words for names
// (`integer`, `Delta value 5`, a masked secret), `(none)` for absent. JSON output wants the values themselves.
function decodeShown(shown: string | undefined): unknown {
  if (shown === undefined) return undefined;
  if (shown === '(none)') return null;
  try {
    const v: unknown = JSON.parse(shown);
    return typeof v === 'object' && v !== null ? shown : v;
  } catch {
    return shown;
  }
}

/** The plan's changes for `--format json`, secrets masked as in the stylish plan. */
export function planEntriesForJson(plan: UpdatePlan): JsonPlanEntry[] {
  return redactPlanEntries(plan).map(({ from, to, ...rest }) => {
    const e: JsonPlanEntry = { ...rest };
    if (rest.action === 'keep' && (from !== undefined || to !== undefined)) {
      e.value = decodeShown(from);
      e.configValue = decodeShown(to);
    } else {
      if (from !== undefined) e.from = decodeShown(from);
      if (to !== undefined) e.to = decodeShown(to);
    }
    // reason last, as in the stylish line
    if (rest.reason !== undefined) {
      delete e.reason;
      e.reason = rest.reason;
    }
    return e;
  });
}

/** Nothing to add, remove or update: the database already holds what the config says (kept values aside). */
export const planIsEmpty = (plan: UpdatePlan) => !plan.fresh && plan.summary.add + plan.summary.remove + plan.summary.update === 0;

/** The stylish plan: per component, then per variable; one line per change; one line when there is none. */
export function renderPlan(plan: UpdatePlan, title: string, db?: string): string {
  if (db !== undefined && planIsEmpty(plan)) {
    const kept = plan.summary.keep;
    return `nothing to change: ${db} already holds what the config says${kept ? ` (${kept} kept as the station has them)` : ''}`;
  }
  const out: string[] = [title];
  const byComponent = new Map<string, PlanEntry[]>();
  for (const e of redactPlanEntries(plan)) {
    const list = byComponent.get(e.component) ?? [];
    list.push(e);
    byComponent.set(e.component, list);
  }
  for (const [component, entries] of byComponent) {
    const own = entries.filter((e) => e.variable === undefined);
    const added = own.some((e) => e.action === 'add');
    if (own.length) for (const e of own) out.push(`  ${line({ ...e, what: `component ${component}` })}`);
    else out.push(`  ~ component ${component}`);
    // a new component lists its variables as a count, not one line each
    if (added) {
      const n = entries.filter((e) => e.variable !== undefined).length;
      out.push(`      ${n} variable${n === 1 ? '' : 's'}`);
      continue;
    }
    let current: string | undefined;
    for (const e of entries.filter((x) => x.variable !== undefined)) {
      if (e.what === 'variable') {
        out.push(`      ${MARK[e.action]} variable ${e.variable}${e.reason ? ` (${e.reason})` : ''}`);
        current = undefined;
        continue;
      }
      if (current !== e.variable) out.push(`      ~ variable ${e.variable}`);
      current = e.variable;
      out.push(`          ${line(e)}`);
    }
  }
  const s = plan.summary;
  if (plan.entries.length === 0) out.push('  nothing to change');
  out.push('', `${s.add} to add, ${s.remove} to remove, ${s.update} to update, ${s.keep} kept as the station has them`);
  return out.join('\n');
}
