import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples, useColor } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';

interface ValidateFlags {
  target: 'libocpp' | 'spec-2.0.1' | 'spec-2.1';
  format: 'stylish' | 'json' | 'sarif' | 'github';
  maxWarnings?: string;
  quiet?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('validate')
    .description('check component_config trees against the component schema and the OCPP/libocpp rules')
    .argument('[dirs...]', 'component_config folders (each holding standardized/ and custom/)', ['component_config'])
    .addOption(new Option('-t, --target <target>', 'rules to apply').choices(['libocpp', 'spec-2.0.1', 'spec-2.1']).default('libocpp'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('-q, --quiet', 'report errors only')
    .action(async (dirs: string[], flags: ValidateFlags, self: Command) => {
      ctx.exitCode = await validateCommand(dirs, flags, ctx, useColor(ctx, self));
    });
  examples(cmd, [
    'ocppctl validate component_config',
    'ocppctl validate stations/*/component_config --format sarif > ocppctl.sarif',
    'ocppctl validate --target spec-2.0.1 --max-warnings 0',
  ]);
}

async function validateCommand(dirs: string[], flags: ValidateFlags, ctx: CliContext, color: boolean): Promise<number> {
  let maxWarnings: number | undefined;
  if (flags.maxWarnings !== undefined) {
    maxWarnings = Number(flags.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new OcppctlError('USAGE', `--max-warnings needs a whole number ≥ 0, got "${flags.maxWarnings}"`);
  }
  const { validate, rules, docsUrl } = await import('../../rules/index.js');
  const { formatters, makeReport } = await import('../../diagnostics/index.js');
  let report = validate(dirs, { cwd: ctx.io.cwd, target: flags.target });
  if (flags.quiet) report = makeReport(report.diagnostics.filter((d) => d.severity === 'error'), report.summary.files);
  const output = formatters[flags.format](report, {
    color,
    toolVersion: ctx.version,
    rules: rules.map((r) => ({ id: r.id, severity: r.severity, description: r.description, helpUri: docsUrl(r.id) })),
  });
  if (output) ctx.io.stdout.write(output + '\n');
  const { errors, warnings } = report.summary;
  if (errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    ctx.io.stderr.write(`ocppctl: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
