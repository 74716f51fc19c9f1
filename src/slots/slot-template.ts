import { readFileSync } from 'node:fs';
import { storedText } from '../model/index.js';

// compiled to dist/src/slots/, so the project root is three levels up
const TEMPLATE = new URL('../../../templates/NetworkConfiguration_N.json', import.meta.url);

export type SlotValues = Record<string, string | number | boolean>;

/** The text of a new NetworkConfiguration_N.json: the project's slot template with instance N and the given Actual values. */
type TemplateDoc = { instance: string; properties: Record<string, { attributes: Record<string, unknown>[] }> };
const readTemplate = () => JSON.parse(readFileSync(TEMPLATE, 'utf8')) as TemplateDoc;

/** The template's definition of one slot variable with the given Actual value, to add to a slot that lacks it. */
export function templateVariable(name: string, value: string | number | boolean): Record<string, unknown> {
  const variable = readTemplate().properties[name];
  if (!variable) throw new Error(`the slot template has no variable ${name}`);
  variable.attributes[0].value = value;
  return variable;
}

export function renderSlotFile(n: number, values: SlotValues): string {
  const doc = readTemplate();
  doc.instance = String(n);
  for (const [name, value] of Object.entries(values)) {
    const variable = doc.properties[name];
    if (!variable) throw new Error(`the slot template has no variable ${name}`);
    // as libocpp stores values, and as rule value-style asks: 30 → "30"
    variable.attributes[0].value = storedText(value);
  }
  return JSON.stringify(doc, null, 2) + '\n';
}
