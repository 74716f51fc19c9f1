import { readFileSync } from 'node:fs';
import { GENERIC } from './catalog-data.js';
import type { CatalogData, CatalogRow, DataType, GenericVariable, Release } from './catalog-data.js';
import { closestNames } from './closest-names.js';

/** What the standard says about one variable name on one component. */
export interface VariableFacts {
  /** Rows of the component itself, else the `<generic>` rows. */
  rows: CatalogRow[];
  /** variables.csv's entry for the name, when there is one. */
  generic?: GenericVariable;
}

export class Catalog {
  readonly release: Release;
  private readonly components: Set<string>;
  private readonly units: Set<string>;
  private readonly byComponent = new Map<string, CatalogRow[]>();
  private readonly genericVariables = new Map<string, GenericVariable>();

  constructor(readonly data: CatalogData) {
    this.release = data.release;
    this.components = new Set(data.components);
    this.units = new Set(data.unitsOfMeasure);
    for (const row of data.rows) {
      const list = this.byComponent.get(row.component) ?? [];
      list.push(row);
      this.byComponent.set(row.component, list);
    }
    for (const v of data.variables) this.genericVariables.set(v.name, v);
  }

  /** A component name the standard lists (with or without variables of its own). */
  isComponent(name: string): boolean {
    return this.components.has(name);
  }

  componentNames(): string[] {
    return this.data.components;
  }

  /** The rows the appendix gives for the component itself (not the `<generic>` ones). */
  rowsOf(component: string): CatalogRow[] {
    return component === GENERIC ? [] : (this.byComponent.get(component) ?? []);
  }

  genericRows(variable: string): CatalogRow[] {
    return (this.byComponent.get(GENERIC) ?? []).filter((r) => r.variable === variable);
  }

  genericVariable(name: string): GenericVariable | undefined {
    return this.genericVariables.get(name);
  }

  /** The facts for Component.Variable; undefined when the standard does not define the variable there. */
  facts(component: string, variable: string): VariableFacts | undefined {
    const own = this.rowsOf(component).filter((r) => r.variable === variable);
    const rows = own.length ? own : this.genericRows(variable);
    const generic = this.genericVariable(variable);
    if (!rows.length && !generic) return undefined;
    return generic ? { rows, generic } : { rows };
  }

  /** Every variable name allowed on the component: its own rows, the generic rows, variables.csv. */
  variableNames(component: string): Set<string> {
    const names = new Set<string>();
    for (const r of this.rowsOf(component)) names.add(r.variable);
    for (const r of this.byComponent.get(GENERIC) ?? []) names.add(r.variable);
    for (const v of this.data.variables) names.add(v.name);
    return names;
  }

  /** Close matches among the names the standard allows on this component, its own names first. */
  suggestVariable(component: string, variable: string): string[] {
    const own = closestNames(
      variable,
      this.rowsOf(component).map((r) => r.variable),
    );
    return own.length ? own : closestNames(variable, this.variableNames(component));
  }

  suggestComponent(name: string): string[] {
    return closestNames(name, this.components);
  }

  isUnitOfMeasure(unit: string): boolean {
    return this.units.has(unit);
  }

  unitsOfMeasure(): readonly string[] {
    return this.data.unitsOfMeasure;
  }

  /** The data types and units the standard allows for the variable (empty when it does not say). */
  expected(facts: VariableFacts): { dataTypes: DataType[]; units: string[] } {
    const dataTypes = new Set<DataType>();
    const units = new Set<string>();
    const sources = facts.rows.length ? facts.rows : facts.generic ? [facts.generic] : [];
    for (const s of sources) {
      if (s.dataType) dataTypes.add(s.dataType);
      for (const u of s.units ?? []) units.add(u);
    }
    return { dataTypes: [...dataTypes], units: [...units] };
  }
}

/** Whether a row covers a variable with this instance (a placeholder row covers every matching name). */
export function rowMatchesInstance(row: CatalogRow, instance: string | undefined): boolean {
  if (row.instancePattern !== undefined) return instance !== undefined && new RegExp(row.instancePattern).test(instance);
  return row.instance === instance;
}

const cache = new Map<Release, Catalog>();

// Read on first use only: `validate` under the default libocpp target must not pay for parsing the catalog.
export function loadCatalog(release: Release): Catalog {
  let catalog = cache.get(release);
  if (!catalog) {
    const data = JSON.parse(readFileSync(new URL(`./data/ocpp-${release}.json`, import.meta.url), 'utf8')) as CatalogData;
    catalog = new Catalog(data);
    cache.set(release, catalog);
  }
  return catalog;
}

export const otherRelease = (release: Release): Release => (release === '2.0.1' ? '2.1' : '2.0.1');
