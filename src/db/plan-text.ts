import type { Action, PlanEntry, UpdatePlan } from './update-plan.js';

const MARK: Record<Action, string> = { add: '+', remove: '-', update: '~', keep: '=' };

function line(e: PlanEntry): string {
  const change = e.from !== undefined || e.to !== undefined ? (e.action === 'add' ? ` ${e.to ?? ''}` : ` ${e.from ?? '(none)'} → ${e.to ?? '(none)'}`) : '';
  const reason = e.reason ? ` (${e.reason})` : '';
  return `${MARK[e.action]} ${e.what}${change.trimEnd()}${e.action === 'keep' && e.to !== undefined ? ' stays' : ''}${reason}`;
}

/** The stylish plan: per component, then per variable; one line per change. */
export function renderPlan(plan: UpdatePlan, title: string): string {
  const out: string[] = [title];
  const byComponent = new Map<string, PlanEntry[]>();
  for (const e of plan.entries) {
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
