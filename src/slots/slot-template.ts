import { readFileSync } from 'node:fs';
import { storedText } from '../model/index.js';

// compiled to dist/src/slots/, so the project root is three levels up
const TEMPLATE = new URL('../../../templates/NetworkConfiguration_N.json', import.meta.url);

export type SlotValues = Record<string, string | number | boolean>;

/** The text of a new NetworkConfiguration_N.json: the project's slot template with instance N and the given Actual values. */
export function renderSlotFile(n: number, values: SlotValues): string {
  const doc = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { instance: string; properties: Record<string, { attributes: Record<string, unknown>[] }> };
  doc.instance = String(n);
  for (const [name, value] of Object.entries(values)) {
    const variable = doc.properties[name];
    if (!variable) throw new Error(`the slot template has no variable ${name}`);
    // as libocpp stores values, and as rule value-style asks: 30 → "30"
    variable.attributes[0].value = storedText(value);
  }
  return JSON.stringify(doc, null, 2) + '\n';
}
