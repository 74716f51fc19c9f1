import { redactSecrets } from '../diagnostics/redact.js';
import { joinPointer, locate } from '../model/index.js';
import type { SourceFile } from '../model/index.js';
import type { DbMonitor } from './db-state.js';
import { attributePointer, matchAttributes, pairComponents, readBoth, sameVariable } from './db-compare.js';
import { describeDmKey, describeVariable } from './libocpp-config.js';
import type { DmMonitor } from './libocpp-config.js';
import { ATTRIBUTE_TYPES, MONITOR_CONFIG_TYPES, MONITOR_TYPES, MUTABILITIES } from './schema.js';

export type DifferenceKind = 'value' | 'limit' | 'monitor' | 'attribute' | 'variable' | 'component';

/** One way the database differs from the tree. Secret values are already masked. */
export interface DbDifference {
  kind: DifferenceKind;
  /** "OCPPCommCtrlr", "EVSE (evse 1)" */
  component: string;
  variable?: string;
  /** "Actual", "maxLimit", "monitor UpperThreshold severity 4", "component", "variable", "Target attribute" */
  what: string;
  /** As init-db would store it from the tree; null: not in the tree. */
  tree: string | null;
  /** As stored; null: not in the database. */
  database: string | null;
  /** Who set the database's value (its VALUE_SOURCE column: default, internal, csms, ...); values only. */
  source?: string | null;
  /** Where the tree says it, when a file does. */
  file?: string;
  line?: number;
  column?: number;
}

export interface DbDiff {
  db: string;
  config: string;
  differences: DbDifference[];
}

const text = (v: number | undefined) => (v === undefined ? null : String(v));
const monitorName = (m: { type: number; severity: number }) => `monitor ${MONITOR_TYPES[m.type] ?? m.type} severity ${m.severity}`;
const monitorText = (m: DmMonitor | DbMonitor) =>
  `${MONITOR_CONFIG_TYPES[m.configType] ?? m.configType} value ${m.value}${m.transaction ? ' transaction' : ''}${m.referenceValue !== undefined ? ` reference ${JSON.stringify(m.referenceValue)}` : ''}`;
const FLT_EPSILON = 1.1920928955078125e-7;
const sameMonitor = (a: DmMonitor, b: DbMonitor) =>
  a.configType === b.configType &&
  a.referenceValue === b.referenceValue &&
  Math.abs(a.value - b.value) <= FLT_EPSILON &&
  a.transaction === b.transaction;

/**
 * The semantic comparison of a database with a config tree: values per component, variable and attribute type
 * (with who set the stored one), limits, monitors, and what exists on one side only. Layout, key names, order
 * and descriptions never count, nor does a component that libocpp adds by itself and the station left alone.
 */
export function diffDb(opts: { db: string; config: string; cwd?: string }): DbDiff {
  const { tree, config, state, shownDb } = readBoth(opts);
  const { pairs, treeOnly, dbOnly } = pairComponents(config, state);
  const out: DbDifference[] = [];
  const at = (file: SourceFile | undefined, pointer: string | undefined) => {
    if (!file || pointer === undefined) return {};
    const p = locate(file, pointer);
    return { file: file.file, line: p.line, column: p.column };
  };

  for (const { tree: c, db } of pairs) {
    const component = describeDmKey(c.key);
    for (const v of c.variables) {
      const dbv = db.variables.find((d) => sameVariable(d, v));
      const variable = describeVariable(v);
      if (!dbv) {
        out.push({
          kind: 'variable',
          component,
          variable,
          what: 'variable',
          tree: 'present',
          database: null,
          ...at(v.at?.file, v.at?.pointer),
        });
        continue;
      }
      for (const m of matchAttributes(v, dbv)) {
        const type = m.attribute.type === undefined ? 'untyped' : ATTRIBUTE_TYPES[m.attribute.type];
        const pointer = attributePointer(v, m.index);
        if (!m.db) {
          out.push({
            kind: 'attribute',
            component,
            variable,
            what: `${type} attribute`,
            tree: 'present',
            database: null,
            ...at(v.at?.file, pointer),
          });
          continue;
        }
        if (m.treeValue === m.db.value) continue;
        // a secret is masked by its name, or because libocpp holds it WriteOnly on either side
        const mutability = m.db.mutability ?? m.attribute.mutability;
        const ctx = {
          component: c.key.name,
          variable: v.name,
          mutability: mutability === undefined ? undefined : MUTABILITIES[mutability],
        };
        const show = (value: string | undefined) => (value === undefined ? null : String(redactSecrets(value, ctx)));
        const where =
          pointer === undefined
            ? undefined
            : m.fromDefault
              ? joinPointer(v.at!.pointer, 'default')
              : m.attribute.value !== undefined
                ? joinPointer(pointer, 'value')
                : pointer;
        out.push({
          kind: 'value',
          component,
          variable,
          what: type,
          tree: show(m.treeValue),
          database: show(m.db.value),
          source: m.db.valueSource ?? null,
          ...at(v.at?.file, where),
        });
      }
      for (const b of dbv.attributes)
        if (!v.attributes.some((a) => a.type === b.type))
          out.push({
            kind: 'attribute',
            component,
            variable,
            what: `${b.type === undefined ? 'untyped' : ATTRIBUTE_TYPES[b.type]} attribute`,
            tree: null,
            database: 'present',
            ...at(v.at?.file, v.at?.pointer),
          });
      // a variable whose characteristics row is missing has no limits to compare
      if (dbv.characteristicsId !== undefined)
        for (const what of ['minLimit', 'maxLimit'] as const)
          if (v.characteristics[what] !== dbv[what])
            out.push({
              kind: 'limit',
              component,
              variable,
              what,
              tree: text(v.characteristics[what]),
              database: text(dbv[what]),
              ...at(v.at?.file, v.at && joinPointer(v.at.pointer, 'characteristics', what)),
            });
      for (const a of v.monitors) {
        const b = dbv.monitors.find((x) => x.type === a.type && x.severity === a.severity);
        if (!b || !sameMonitor(a, b))
          out.push({
            kind: 'monitor',
            component,
            variable,
            what: monitorName(a),
            tree: monitorText(a),
            database: b ? monitorText(b) : null,
            ...at(v.at?.file, v.at && joinPointer(v.at.pointer, 'monitors')),
          });
      }
      for (const b of dbv.monitors)
        if (!v.monitors.some((a) => a.type === b.type && a.severity === b.severity))
          out.push({
            kind: 'monitor',
            component,
            variable,
            what: monitorName(b),
            tree: null,
            database: monitorText(b),
            ...at(v.at?.file, v.at?.pointer),
          });
      // monitors a CSMS set (SetVariableMonitoring): no file has them
      for (const b of dbv.customMonitors)
        out.push({
          kind: 'monitor',
          component,
          variable,
          what: monitorName(b),
          tree: null,
          database: monitorText(b),
          source: 'csms',
          ...at(v.at?.file, v.at?.pointer),
        });
    }
    for (const dbv of db.variables)
      if (!c.variables.some((v) => sameVariable(v, dbv)))
        out.push({
          kind: 'variable',
          component,
          variable: describeVariable(dbv),
          what: 'variable',
          tree: null,
          database: 'present',
          ...at(c.file, '/properties'),
        });
  }
  for (const c of treeOnly)
    out.push({ kind: 'component', component: describeDmKey(c.key), what: 'component', tree: 'present', database: null, ...at(c.file, '') });
  for (const c of dbOnly)
    out.push({ kind: 'component', component: describeDmKey(c.key), what: 'component', tree: null, database: 'present' });
  return { db: shownDb, config: tree.displayRoot, differences: out };
}

// names and values from a database pulled from the field reach the terminal: no control characters, no newlines
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The stylish text of a diff: one line per difference, then a summary line. */
export function renderDiff(diff: DbDiff): string {
  const lines = diff.differences.map((d) => printable(line(d)));
  const n = diff.differences.length;
  lines.push(
    printable(
      n === 0
        ? `no differences between ${diff.db} and ${diff.config}`
        : `${n} difference${n === 1 ? '' : 's'} between ${diff.db} and ${diff.config}`,
    ),
  );
  return lines.join('\n') + '\n';
}

const showValue = (v: string | null, kind: DifferenceKind) => (v === null ? '(none)' : kind === 'value' ? JSON.stringify(v) : v);

function line(d: DbDifference): string {
  const name = d.variable === undefined ? d.component : `${d.component}.${d.variable}`;
  const structural = d.kind === 'component' || d.kind === 'variable' || d.kind === 'attribute';
  const body = structural
    ? `${d.what} only in the ${d.tree === null ? 'database' : 'tree'}`
    : `${d.what}: tree ${showValue(d.tree, d.kind)}, database ${showValue(d.database, d.kind)}`;
  const source = d.source === undefined ? '' : `, set by ${d.source ?? '(no value source)'}`;
  const where = d.file ? `  ${d.file}:${d.line}:${d.column}` : '';
  return `${name}: ${body}${source}${where}`;
}
