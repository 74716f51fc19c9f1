import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples, useColor } from '../context.js';
import { OcppctlError } from '../../errors.js';
import { parseByteCount } from '../inputs.js';
import { parseMaxWarnings, pickRules, threshold, writeReport } from '../report-writer.js';
import type { ValidateFlags } from '../report-writer.js';

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
    .addOption(
      new Option('--min-severity <severity>', 'list findings of this severity and above, in every format').choices([
        'error',
        'warning',
        'info',
      ]),
    )
    .option('--rule <id>', 'run only this rule (repeatable); other findings are not reported', collect)
    .option('--fleet <dir>', 'check every component_config tree (a folder holding standardized/) below dir; repeatable', collect)
    .option('--workers <n>', 'worker threads for many trees (default: one per 250 trees, at most one per core)')
    .option('--shard <i/n>', 'check only part i of n of the sorted tree list (for a CI matrix)')
    .option('--max-file-size <bytes>', 'component files larger than this are an error, not read (default 64M)')
    .option('--changed-since <ref>', 'check only the trees with files changed since a git ref (git diff --name-only ref)')
    .option('--everest-config <file>', "also check this EVerest config YAML (the OCPP module's wiring) and it against the device model")
    .option('--everest-prefix <dir>', 'where EVerest is installed: resolves relative paths and reads the installed manifests')
    .action(async (dirs: string[], flags: ValidateFlags, self: Command) => {
      const color = useColor(ctx, self);
      if (flags.everestConfig !== undefined || flags.everestPrefix !== undefined) {
        if (flags.everestConfig === undefined) throw new OcppctlError('USAGE', '--everest-prefix needs --everest-config FILE');
        if (flags.fleet || dirs.length > 1 || flags.workers || flags.shard || flags.changedSince)
          throw new OcppctlError(
            'USAGE',
            '--everest-config checks one station: give at most one component_config folder and no fleet options',
          );
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
  return writeReport(
    validate(dirs, {
      cwd: ctx.io.cwd,
      target: flags.target,
      maxFileSize,
      rules: flags.rule && pickRules(rules, flags.rule),
      locateFrom: threshold(flags).min,
    }),
    flags,
    maxWarnings,
    ctx,
    color,
  );
}

// the EVerest rules load only here, so a plain validate starts as fast as before
async function everestCommand(dir: string | undefined, flags: ValidateFlags, ctx: CliContext, color: boolean): Promise<number> {
  const maxWarnings = parseMaxWarnings(flags);
  const { rules } = await import('../../rules/index.js');
  const { validateEverest, everestRules } = await import('../../everest/index.js');
  if (flags.rule) pickRules([...rules, ...everestRules], flags.rule);
  const report = validateEverest({
    cwd: ctx.io.cwd,
    target: flags.target,
    configPath: flags.everestConfig!,
    dir,
    prefix: flags.everestPrefix,
    ruleIds: flags.rule,
    locateFrom: threshold(flags).min,
  });
  return writeReport(report, flags, maxWarnings, ctx, color, undefined, everestRules);
}
