import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { loadForEdit, writeOrPreview } from '../write-plan.js';

interface SetPriorityFlags {
  config: string;
  force?: boolean;
  dryRun?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('set-priority')
    .description('set the order in which the station tries its slots (NetworkConfigurationPriority), keeping valuesList in step')
    .argument('<slots>', 'slot numbers in order, comma-separated, e.g. 2,1,3')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--force', 'accept slots that do not exist or are not usable')
    .option('--dry-run', 'print the unified diff and write nothing')
    .action(async (list: string, flags: SetPriorityFlags) => {
      const { planSetPriority, parsePriorityList } = await import('../../slots/index.js');
      const slots = parsePriorityList(list);
      const tree = await loadForEdit(ctx, flags.config, 'set-priority');
      const { plan, notes } = planSetPriority(tree, slots, { force: flags.force });
      ctx.exitCode = await writeOrPreview(ctx, tree, plan, { dryRun: flags.dryRun });
      for (const note of notes) ctx.io.stderr.write(`note: ${note}\n`);
    });
  examples(cmd, ['ocppctl set-priority 2,1,3 --config component_config', 'ocppctl set-priority 3 --dry-run']);
}
