import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples, useColor } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';
import type { Report } from '../../diagnostics/diagnostic.js';
import { parseByteCount } from '../inputs.js';

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

const collect = (value: string, previous: string[] = []) => [...previous, value];

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('validate')
    .description('check component_config trees against the component schema and the OCPP/libocpp rules')
    .argument('[dirs...]', 'component_config folders (each holding standardized/ and custom/)', ['component_config'])
    .addOption(new Option('-t, --target <target>', 'rules to apply').choices(['libocpp', 'spec-2.0.1', 'spec-2.1']).default('libocpp'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('-q, --quiet', 'list errors only (same as --min-severity error); the summary keeps the true counts')
    .option('-v, --verbose', 'list infos too in stylish and github output (by default they are counted per rule)')
    .addOption(new Option('--min-severity <severity>', 'list findings of this severity and above, in every format').choices(['error', 'warning', 'info']))
    .option('--rule <id>', 'run only this rule (repeatable); other findings are not reported', collect)
    .option('--fleet <dir>', 'check every component_config tree (a folder holding standardized/) below dir; repeatable', collect)
    .option('--workers <n>', 'worker threads for many trees (default: one per 250 trees, at most one per core)')
    .option('--shard <i/n>', 'check only part i of n of the sorted tree list (for a CI matrix)')
    .option('--max-file-size <bytes>', 'component files larger than this are an error, not read (default 64M)')
    .option('--changed-since <ref>', 'check only the trees with files changed since a git ref (git diff --name-only ref)')
    .option('--everest-config <file>', 'also check this EVerest config YAML (the OCPP module\'s wiring) and it against the device model')
    .option('--everest-prefix <dir>', 'where EVerest is installed: resolves relative paths and reads the installed manifests')
    .action(async (dirs: string[], flags: ValidateFlags, self: Command) => {
      const color = useColor(ctx, self);
      if (flags.everestConfig !== undefined || flags.everestPrefix !== undefined) {
        if (flags.everestConfig === undefined) throw new OcppctlError('USAGE', '--everest-prefix needs --everest-config FILE');
        if (flags.fleet || dirs.length > 1 || flags.workers || flags.shard || flags.changedSince)
          throw new OcppctlError('USAGE', '--everest-config checks one station: give at most one component_config folder and no fleet options');
        ctx.exitCode = await everestCommand(self.args.length ? dirs[0] : undefined, flags, ctx, color);
        return;
      }
      const fleetMode = flags.fleet || dirs.length > 1 || flags.workers || flags.shard || flags.changedSince;
      // a single tree stays on the short path: the fleet code (workers, git) loads only when asked for
      if (fleetMode) {
        const { fleetCommand } = await import('../validate-fleet.js');
        ctx.exitCode = await fleetCommand(self.args.length ? dirs : flags.fleet ? [] : dirs, flags, ctx, color);
      } else ctx.exitCode = await validateCommand(dirs, flags, ctx, color);
    });
  examples(cmd, [
    'ocppctl validate component_config',
    'ocppctl validate stations/*/component_config --format sarif > ocppctl.sarif',
    'ocppctl validate --target spec-2.0.1 --max-warnings 0',
    'ocppctl validate --rule value-type --rule value-limits',
    'ocppctl validate --verbose   # also list the infos, not just count them',
    'ocppctl validate --format github --min-severity info',
    'ocppctl validate --fleet stations --shard 2/4 --format github',
    'ocppctl validate --fleet stations --changed-since origin/main',
    'ocppctl validate --everest-config /etc/everest/config.yaml --everest-prefix /usr',
  ]);
}

async function validateCommand(dirs: string[], flags: ValidateFlags, ctx: CliContext, color: boolean): Promise<number> {
  const maxWarnings = parseMaxWarnings(flags);
  const maxFileSize = parseByteCount('--max-file-size', flags.maxFileSize);
  const { validate, rules } = await import('../../rules/index.js');
  return writeReport(validate(dirs, { cwd: ctx.io.cwd, target: flags.target, maxFileSize, rules: flags.rule && pickRules(rules, flags.rule) }), flags, maxWarnings, ctx, color);
}

// the EVerest rules load only here, so a plain validate starts as fast as before
async function everestCommand(dir: string | undefined, flags: ValidateFlags, ctx: CliContext, color: boolean): Promise<number> {
  const maxWarnings = parseMaxWarnings(flags);
  const { rules } = await import('../../rules/index.js');
  const { validateEverest, everestRules } = await import('../../everest/index.js');
  if (flags.rule) pickRules([...rules, ...everestRules], flags.rule);
  const report = validateEverest({ cwd: ctx.io.cwd, target: flags.target, configPath: flags.everestConfig!, dir, prefix: flags.everestPrefix, ruleIds: flags.rule });
  return writeReport(report, flags, maxWarnings, ctx, color, undefined, everestRules);
}

export function pickRules<R extends { id: string }>(rules: readonly R[], ids: string[]): R[] {
  for (const id of ids)
    if (!rules.some((r) => r.id === id))
      throw new OcppctlError(
        'USAGE',
        id.startsWith('everest-')
          ? `--rule ${id} checks an EVerest config: add --everest-config FILE`
          : `--rule ${id}: no such rule; the rules are:\n  ${rules.map((r) => r.id).sort().join('\n  ')}`,
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
  if (flags.minSeverity) return { min: flags.minSeverity, showHidden: `--min-severity ${flags.minSeverity === 'error' ? 'warning' : 'info'} shows them` };
  if (flags.quiet) return { min: 'error', showHidden: 'leave out --quiet to list them' };
  const terse = (flags.format === 'stylish' || flags.format === 'github') && !flags.verbose && !flags.rule;
  return { min: terse ? 'warning' : 'info', showHidden: '--verbose shows them' };
}

export function parseMaxWarnings(flags: ValidateFlags): number | undefined {
  if (flags.maxWarnings === undefined) return undefined;
  const maxWarnings = Number(flags.maxWarnings);
  if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new OcppctlError('USAGE', `--max-warnings needs a whole number ≥ 0, got "${flags.maxWarnings}"`);
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
  const { rules, docsUrl } = await import('../../rules/index.js');
  const { formatters, applyThreshold, jsonPieces } = await import('../../diagnostics/index.js');
  const { min, showHidden } = threshold(flags);
  const { report, hidden } = applyThreshold(full, min);
  // json in pieces: a fleet's report runs to tens of megabytes, which need not be held as one string
  if (flags.format === 'json') for (const piece of jsonPieces(report)) ctx.io.stdout.write(piece);
  const output = flags.format === 'json' ? '' : formatters[flags.format](report, {
    color,
    toolVersion: ctx.version,
    rules: [...rules, ...extraRules].map((r) => ({ id: r.id, severity: r.severity, description: r.description, helpUri: docsUrl(r.id) })),
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
