// How validate's report is written: the format, what it lists (--quiet, --min-severity, --verbose), and the exit
// code. Shared by one tree (commands/validate.ts) and a fleet (validate-fleet.ts), so neither imports the other.
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { OcppctlError } from '../errors.js';
import type { Report } from '../diagnostics/diagnostic.js';

export interface ValidateFlags {
  target: 'libocpp' | 'spec-2.0.1' | 'spec-2.1';
  format: 'stylish' | 'json' | 'sarif' | 'github';
  maxWarnings?: string;
  quiet?: boolean;
  verbose?: boolean;
  minSeverity?: 'error' | 'warning' | 'info';
  fleet?: string[];
  workers?: string;
  shard?: string;
  changedSince?: string;
  rule?: string[];
  maxFileSize?: string;
  everestConfig?: string;
  everestPrefix?: string;
}

export function pickRules<R extends { id: string }>(rules: readonly R[], ids: string[]): R[] {
  for (const id of ids)
    if (!rules.some((r) => r.id === id))
      throw new OcppctlError(
        'USAGE',
        id.startsWith('everest-')
          ? `--rule ${id} checks an EVerest config: add --everest-config FILE`
          : `--rule ${id}: no such rule; the rules are:\n  ${rules
              .map((r) => r.id)
              .sort()
              .join('\n  ')}`,
      );
  return rules.filter((r) => ids.includes(r.id));
}

type MinSeverity = NonNullable<ValidateFlags['minSeverity']>;

/**
 * What the output lists, and how a hidden finding can be seen. Stylish and github list errors and warnings and
 * count infos (github notices crowd a pull request's diff); json and sarif, read by programs, list everything.
 * Naming rules with --rule lists all their findings.
 */
export function threshold(flags: ValidateFlags): { min: MinSeverity; showHidden: string } {
  if (flags.quiet && flags.minSeverity !== undefined && flags.minSeverity !== 'error')
    throw new OcppctlError('USAGE', `--quiet lists errors only and --min-severity ${flags.minSeverity} asks for more; give one of them`);
  if (flags.minSeverity)
    return { min: flags.minSeverity, showHidden: `--min-severity ${flags.minSeverity === 'error' ? 'warning' : 'info'} shows them` };
  if (flags.quiet) return { min: 'error', showHidden: 'leave out --quiet to list them' };
  const terse = (flags.format === 'stylish' || flags.format === 'github') && !flags.verbose && !flags.rule;
  return { min: terse ? 'warning' : 'info', showHidden: '--verbose shows them' };
}

export function parseMaxWarnings(flags: ValidateFlags): number | undefined {
  if (flags.maxWarnings === undefined) return undefined;
  const maxWarnings = Number(flags.maxWarnings);
  if (!Number.isInteger(maxWarnings) || maxWarnings < 0)
    throw new OcppctlError('USAGE', `--max-warnings needs a whole number ≥ 0, got "${flags.maxWarnings}"`);
  return maxWarnings;
}

/** Prints the report in the chosen format (plus `trailer` after stylish output) and returns the exit code. */
export async function writeReport(
  full: Report,
  flags: ValidateFlags,
  maxWarnings: number | undefined,
  ctx: CliContext,
  color: boolean,
  trailer?: () => string,
  extraRules: readonly { id: string; severity: Report['diagnostics'][number]['severity']; description: string }[] = [],
): Promise<number> {
  const { rules, docsUrl } = await import('../rules/index.js');
  const { formatters, applyThreshold, jsonPieces } = await import('../diagnostics/index.js');
  const { min, showHidden } = threshold(flags);
  const { report, hidden } = applyThreshold(full, min);
  // json in pieces: a fleet's report runs to tens of megabytes, which need not be held as one string
  if (flags.format === 'json') for (const piece of jsonPieces(report)) ctx.io.stdout.write(piece);
  const output =
    flags.format === 'json'
      ? ''
      : formatters[flags.format](report, {
          color,
          toolVersion: ctx.version,
          rules: [...rules, ...extraRules].map((r) => ({
            id: r.id,
            severity: r.severity,
            description: r.description,
            helpUri: docsUrl(r.id),
          })),
          hidden,
          showHidden,
        });
  // the trailer is written on its own: joined to a fleet's output it would copy tens of megabytes once more
  const tail = trailer && flags.format === 'stylish' ? `\n\n${trailer()}` : '';
  if (output || tail || flags.format === 'json') {
    ctx.io.stdout.write(output);
    ctx.io.stdout.write(tail + '\n');
  }
  // the exit code follows what was found, whatever the output lists
  const { errors, warnings } = full.summary;
  if (errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    ctx.io.stderr.write(`ocppctl: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
