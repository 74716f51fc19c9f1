import { Chalk } from 'chalk';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface StationLine {
  root: string;
  files: number;
  diagnostics: readonly Diagnostic[];
  /** Why the station could not be checked at all. */
  failure?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The per-station table that stylish output ends with in fleet mode: one line per station, then totals. */
export function stationSummary(stations: readonly StationLine[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const width = Math.min(60, Math.max(...stations.map((s) => s.root.length)));
  let clean = 0;
  let withErrors = 0;
  let withWarnings = 0;
  let unreadable = 0;
  const lines = stations.map((s) => {
    const name = s.root.padEnd(width);
    if (s.failure !== undefined) {
      unreadable++;
      return `  ${c.red('✖')} ${name}  ${c.red('not checked')}: ${s.failure}`;
    }
    let errors = 0;
    let warnings = 0;
    for (const d of s.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}  ${c.dim(plural(s.files, 'file'))}`;
    if (errors) {
      withErrors++;
      return `  ${c.red('✖')} ${name}  ${counts}`;
    }
    if (warnings) {
      withWarnings++;
      return `  ${c.yellow('⚠')} ${name}  ${counts}`;
    }
    clean++;
    return `  ${c.green('✔')} ${name}  ${counts}`;
  });
  const parts = [`${clean} clean`];
  if (withWarnings) parts.push(`${withWarnings} with warnings`);
  if (withErrors) parts.push(`${withErrors} with errors`);
  if (unreadable) parts.push(`${unreadable} not checked`);
  return [c.bold(`${plural(stations.length, 'station')}:`), ...lines, `${plural(stations.length, 'station')}: ${parts.join(', ')}`].join(
    '\n',
  );
}
