// What the spec rules and explain read from a loaded config: characteristics, and whether a component is
// implemented at all.
import type { Component, Variable } from '../model/index.js';
import { effectiveValue, findVariable, joinPointer } from '../model/index.js';
import type { Catalog } from './catalog.js';
import { loadCatalog } from './catalog.js';
import type { Release } from './catalog-data.js';

export const catalogFor = (release: Release): Catalog => loadCatalog(release);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function characteristicsOf(variable: Variable): { dataType?: string; unit?: string; pointer: string } {
  const pointer = joinPointer(variable.pointer, 'characteristics');
  const c = variable.data.characteristics;
  if (!isObject(c)) return { pointer };
  return {
    dataType: typeof c.dataType === 'string' ? c.dataType : undefined,
    unit: typeof c.unit === 'string' ? c.unit : undefined,
    pointer,
  };
}

/**
 * OCPP's generic `Available` variable means "the component exists"; a component that says Available=false is
 * not implemented, so the variables the standard requires of an implemented component are not required.
 * TariffCostCtrlr has only per-instance Available (Tariff, Cost): it is absent when all of them are false.
 */
export function isImplemented(component: Component): boolean {
  const plain = findVariable(component, 'Available');
  if (plain) return effectiveValue(plain, 'Actual').value !== 'false';
  const perInstance = component.variables.filter((v) => v.name === 'Available');
  return !perInstance.length || perInstance.some((v) => effectiveValue(v, 'Actual').value !== 'false');
}

export const variableLabel = (v: Variable) => (v.instance !== undefined ? `${v.name} (instance ${v.instance})` : v.name);
