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
  fleet?: string[];
  workers?: string;
  shard?: string;
  changedSince?: string;
  rule?: string[];
  maxFileSize?: string;
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
    .option('-q, --quiet', 'report errors only')
    .option('--rule <id>', 'run only this rule (repeatable); other findings are not reported', collect)
    .option('--fleet <dir>', 'check every component_config tree (a folder holding standardized/) below dir; repeatable', collect)
    .option('--workers <n>', 'worker threads for many trees (default: one per 250 trees, at most one per core)')
    .option('--shard <i/n>', 'check only part i of n of the sorted tree list (for a CI matrix)')
    .option('--max-file-size <bytes>', 'component files larger than this are an error, not read (default 64M)')
    .option('--changed-since <ref>', 'check only the trees with files changed since a git ref (git diff --name-only ref)')
    .action(async (dirs: string[], flags: ValidateFlags, self: Command) => {
      const color = useColor(ctx, self);
      const fleetMode = flags.fleet || dirs.length > 1 || flags.workers || flags.shard || flags.changedSince;
      // a single tree stays on the short path: the fleet code (workers, git) loads only when asked for
      if (fleetMode) {
        if (flags.rule) throw new OcppctlError('USAGE', '--rule checks one tree; leave it out with several trees or --fleet');
        const { fleetCommand } = await import('../validate-fleet.js');
        ctx.exitCode = await fleetCommand(self.args.length ? dirs : flags.fleet ? [] : dirs, flags, ctx, color);
      } else ctx.exitCode = await validateCommand(dirs, flags, ctx, color);
    });
  examples(cmd, [
    'ocppctl validate component_config',
    'ocppctl validate stations/*/component_config --format sarif > ocppctl.sarif',
    'ocppctl validate --target spec-2.0.1 --max-warnings 0',
    'ocppctl validate --rule value-type --rule value-limits',
    'ocppctl validate --fleet stations --shard 2/4 --format github',
    'ocppctl validate --fleet stations --changed-since origin/main',
  ]);
}

async function validateCommand(dirs: string[], flags: ValidateFlags, ctx: CliContext, color: boolean): Promise<number> {
  const maxWarnings = parseMaxWarnings(flags);
  const maxFileSize = parseByteCount('--max-file-size', flags.maxFileSize);
  const { validate, rules } = await import('../../rules/index.js');
  return writeReport(validate(dirs, { cwd: ctx.io.cwd, target: flags.target, maxFileSize, rules: flags.rule && pickRules(rules, flags.rule) }), flags, maxWarnings, ctx, color);
}

function pickRules<R extends { id: string }>(rules: readonly R[], ids: string[]): R[] {
  for (const id of ids)
    if (!rules.some((r) => r.id === id)) throw new OcppctlError('USAGE', `--rule ${id}: no such rule; ocppctl explain lists the rules`);
  return rules.filter((r) => ids.includes(r.id));
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
  trailer?: (report: Report) => string,
): Promise<number> {
  const { rules, docsUrl } = await import('../../rules/index.js');
  const { formatters, makeReport, jsonPieces } = await import('../../diagnostics/index.js');
  const report = flags.quiet ? makeReport(full.diagnostics.filter((d) => d.severity === 'error'), full.summary.files) : full;
  // json in pieces: a fleet's report runs to tens of megabytes, which need not be held as one string
  if (flags.format === 'json') for (const piece of jsonPieces(report)) ctx.io.stdout.write(piece);
  const output = flags.format === 'json' ? '' : formatters[flags.format](report, {
    color,
    toolVersion: ctx.version,
    rules: rules.map((r) => ({ id: r.id, severity: r.severity, description: r.description, helpUri: docsUrl(r.id) })),
  });
  // the trailer is written on its own: joined to a fleet's output it would copy tens of megabytes once more
  const tail = trailer && flags.format === 'stylish' ? `\n\n${trailer(report)}` : '';
  if (output || tail || flags.format === 'json') {
    ctx.io.stdout.write(output);
    ctx.io.stdout.write(tail + '\n');
  }
  const { errors, warnings } = report.summary;
  if (errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    ctx.io.stderr.write(`ocppctl: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
