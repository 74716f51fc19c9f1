// `ocppctl explain NAME`: a rule's docs page, or what the standard (both releases), libocpp and a given config
// say about a component or variable.
import { existsSync } from 'node:fs';
import { OcppctlError } from '../errors.js';
import type { ConfigTree } from '../model/index.js';
import { effectiveValue, locate } from '../model/index.js';
import { loadCatalog } from './catalog.js';
import { GENERIC, RELEASES } from './catalog-data.js';
import type { CatalogRow, Release } from './catalog-data.js';
import { closestNames } from './closest-names.js';
import { isLibocppVariable, libocppRequirement } from './libocpp-variables.js';
import { redactSecrets } from '../diagnostics/redact.js';

export interface Occurrence {
  file: string;
  line: number;
  column: number;
  pointer: string;
  label: string;
  /** The value the station starts with; a secret as its length, the legacy blob with its passwords masked. */
  value?: string;
}

export interface ReleaseFacts {
  release: Release;
  /** Rows of the component (or `<generic>` rows); empty when the release does not define the name. */
  rows: CatalogRow[];
  /** variables.csv facts when no row matched. */
  generic?: { dataType?: string; units?: string[] };
  componentDefined: boolean;
}

export type Explanation =
  | { kind: 'rule'; id: string; text: string }
  | { kind: 'variable'; component: string; variable: string; releases: ReleaseFacts[]; libocpp?: string; occurrences: Occurrence[] }
  | { kind: 'component'; component: string; releases: ReleaseFacts[]; occurrences: Occurrence[] };

export interface ExplainOptions {
  ruleIds: readonly string[];
  /** Reads docs/rules/<id>.md; injected so the library has no fixed idea where the docs live. */
  ruleDocs: (id: string) => string;
  tree?: ConfigTree;
}

const writeOnly = (v: { data: Record<string, unknown> }) =>
  Array.isArray(v.data.attributes) &&
  v.data.attributes.some((a) => a && typeof a === 'object' && (a as { mutability?: unknown }).mutability === 'WriteOnly');

function occurrencesOf(tree: ConfigTree | undefined, component: string, variable?: string): Occurrence[] {
  if (!tree) return [];
  const out: Occurrence[] = [];
  for (const c of tree.effective) {
    if (c.key.name !== component) continue;
    const where = (pointer: string) => {
      const p = locate(c.source, pointer, { key: pointer !== '' });
      return { file: c.source.file, line: p.line, column: p.column, pointer };
    };
    const label = [
      c.key.instance !== undefined && `instance ${c.key.instance}`,
      c.key.evseId !== undefined && `evse ${c.key.evseId}`,
      c.key.connectorId !== undefined && `connector ${c.key.connectorId}`,
    ]
      .filter(Boolean)
      .join(', ');
    if (variable === undefined) {
      out.push({ ...where(''), label: label || c.key.name, value: `${c.variables.length} variables` });
      continue;
    }
    for (const v of c.variables) {
      if (v.name !== variable) continue;
      const value = effectiveValue(v, 'Actual').value;
      out.push({
        ...where(v.pointer),
        label: [label, v.instance !== undefined && `variable instance ${v.instance}`].filter(Boolean).join(', '),
        value: redactSecrets(value, { component: c.key.name, variable: v.name, mutability: writeOnly(v) ? 'WriteOnly' : undefined }),
      });
    }
  }
  return out;
}

function variableFacts(component: string, variable: string): ReleaseFacts[] {
  return RELEASES.map((release) => {
    const catalog = loadCatalog(release);
    const own = catalog.rowsOf(component).filter((r) => r.variable === variable);
    const rows = own.length ? own : catalog.genericRows(variable);
    const g = catalog.genericVariable(variable);
    const facts: ReleaseFacts = { release, rows, componentDefined: catalog.isComponent(component) };
    if (!rows.length && g) facts.generic = { dataType: g.dataType, units: g.units };
    return facts;
  });
}

const componentFacts = (component: string): ReleaseFacts[] =>
  RELEASES.map((release) => {
    const catalog = loadCatalog(release);
    return { release, rows: catalog.rowsOf(component), componentDefined: catalog.isComponent(component) };
  });

const definesVariable = (f: ReleaseFacts) => f.rows.length > 0 || f.generic !== undefined;

export function explain(name: string, opts: ExplainOptions): Explanation[] {
  if (opts.ruleIds.includes(name)) return [{ kind: 'rule', id: name, text: opts.ruleDocs(name) }];
  const catalogs = RELEASES.map((r) => loadCatalog(r));
  const configComponents = new Set(opts.tree?.effective.map((c) => c.key.name) ?? []);
  const dot = name.indexOf('.');
  if (dot > 0) {
    const component = name.slice(0, dot);
    const variable = name.slice(dot + 1);
    const releases = variableFacts(component, variable);
    const occurrences = occurrencesOf(opts.tree, component, variable);
    const libocpp =
      libocppRequirement(component, variable) ?? (isLibocppVariable(component, variable) ? 'libocpp defines and reads it' : undefined);
    if (releases.some((f) => f.componentDefined && definesVariable(f)) || libocpp || occurrences.length)
      return [{ kind: 'variable', component, variable, releases, libocpp, occurrences }];
    const known = catalogs.some((c) => c.isComponent(component)) || configComponents.has(component);
    const suggestions = known
      ? [...new Set(catalogs.flatMap((c) => c.suggestVariable(component, variable)))].map((v) => `${component}.${v}`)
      : [...new Set(catalogs.flatMap((c) => c.suggestComponent(component)))].map((c) => `${c}.${variable}`);
    throw unknown(name, suggestions);
  }
  if (catalogs.some((c) => c.isComponent(name)) || configComponents.has(name))
    return [{ kind: 'component', component: name, releases: componentFacts(name), occurrences: occurrencesOf(opts.tree, name) }];
  // a bare variable name: every standard component that has it, or the generic variable
  const components = new Set<string>();
  for (const c of catalogs) for (const r of c.data.rows) if (r.variable === name) components.add(r.component);
  if (catalogs.some((c) => c.genericVariable(name))) components.add(GENERIC);
  if (components.size) {
    return [...components].sort().map((component) => ({
      kind: 'variable' as const,
      component,
      variable: name,
      releases: variableFacts(component, name),
      libocpp: component === GENERIC ? undefined : libocppRequirement(component, name),
      occurrences: component === GENERIC ? [] : occurrencesOf(opts.tree, component, name),
    }));
  }
  const allVariables = new Set(catalogs.flatMap((c) => [...c.data.rows.map((r) => r.variable), ...c.data.variables.map((v) => v.name)]));
  const suggestions = closestNames(name, [...opts.ruleIds, ...catalogs.flatMap((c) => c.componentNames()), ...allVariables]);
  throw unknown(name, suggestions);
}

const unknown = (name: string, suggestions: string[]) =>
  new OcppctlError(
    'INPUT',
    `"${name}" is no rule id, OCPP component or variable` + (suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''),
  );

function requiredText(row: CatalogRow, component: string): string {
  switch (row.required) {
    case 'yes':
      return row.component === GENERIC ? 'required' : `required when ${component} is implemented`;
    case 'V2X':
      return 'required when V2X is supported';
    case 'unspecified':
      return 'required-ness not given';
    default:
      return 'optional';
  }
}

function describeRow(row: CatalogRow, component: string): string {
  const head = [
    row.instance !== undefined && `instance ${row.instance}`,
    row.instancePlaceholder !== undefined && `instance ${row.instancePlaceholder}`,
    row.attributes && `attributes ${row.attributes.join('/')}`,
  ]
    .filter(Boolean)
    .join(', ');
  const body = [row.dataType ?? 'no data type given', row.units && `unit ${row.units.join(' or ')}`, requiredText(row, component)]
    .filter(Boolean)
    .join(', ');
  const notes = [
    row.appendix?.dataType && `the appendix writes ${row.appendix.dataType}`,
    row.appendix?.variable && `the appendix writes ${row.appendix.variable}`,
    row.appendix?.component && `the appendix writes component ${row.appendix.component}`,
  ].filter(Boolean);
  return (head ? `${head}: ` : '') + body + (notes.length ? ` (${notes.join('; ')})` : '');
}

const pad = (s: string) => s.padEnd(12);

export function formatExplanation(e: Explanation): string {
  if (e.kind === 'rule') return e.text.trimEnd();
  const lines: string[] = [];
  if (e.kind === 'variable') {
    lines.push(e.component === GENERIC ? `${e.variable} (generic: any component may have it)` : `${e.component}.${e.variable}`, '');
    for (const f of e.releases) {
      const head = `  ${pad(`OCPP ${f.release}`)}`;
      if (!f.componentDefined && e.component !== GENERIC) lines.push(`${head}${e.component} is not an OCPP ${f.release} component`);
      else if (f.rows.length)
        f.rows.forEach((r, i) =>
          lines.push(`${i ? `  ${pad('')}` : head}${describeRow(r, e.component)}${r.component === GENERIC ? ' (generic variable)' : ''}`),
        );
      else if (f.generic)
        lines.push(
          `${head}${f.generic.dataType ?? 'no data type given'}${f.generic.units ? `, unit ${f.generic.units.join(' or ')}` : ''} (component-independent variable)`,
        );
      else lines.push(`${head}not defined`);
    }
    if (e.component !== GENERIC) lines.push(`  ${pad('libocpp')}${e.libocpp ?? 'not checked at start-up'}`);
  } else {
    lines.push(e.component, '');
    for (const f of e.releases) {
      const head = `  ${pad(`OCPP ${f.release}`)}`;
      if (!f.componentDefined) {
        lines.push(`${head}not an OCPP ${f.release} component`);
        continue;
      }
      const required = f.rows.filter((r) => r.required === 'yes').length;
      lines.push(
        `${head}standard component, ${f.rows.length} variables of its own (${required} required when implemented), plus the generic ones`,
      );
      const width = Math.max(0, ...f.rows.map((r) => r.variable.length));
      for (const r of f.rows) lines.push(`  ${pad('')}  ${r.variable.padEnd(width)}  ${describeRow(r, e.component)}`);
    }
  }
  if (e.occurrences.length) {
    lines.push('', '  in the config:');
    for (const o of e.occurrences)
      lines.push(`    ${o.file}:${o.line}:${o.column}${o.label ? ` (${o.label})` : ''}${o.value !== undefined ? `  ${o.value}` : ''}`);
  }
  return lines.join('\n');
}

/** The default config folder, if there is one, so explain can show where a name appears. */
export const defaultConfigDir = (cwd: string) => (existsSync(`${cwd}/component_config/standardized`) ? 'component_config' : undefined);
