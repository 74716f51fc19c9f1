import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { OcppctlError } from '../../errors.js';
import { loadForEdit, writeOrPreview } from '../write-plan.js';

interface RemoveSlotFlags {
  config: string;
  force?: boolean;
  dryRun?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('remove-slot')
    .description('delete a NetworkConfiguration slot and drop it from NetworkConfigurationPriority and its valuesList')
    .argument('<n>', 'slot number')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--force', 'remove it even if the priority lists it or it is the last usable slot')
    .option('--dry-run', 'print the unified diff and write nothing')
    .action(async (n: string, flags: RemoveSlotFlags) => {
      if (!/^[1-9]\d*$/.test(n)) throw new OcppctlError('USAGE', `the slot must be a whole number ≥ 1, got "${n}"`);
      const { planRemoveSlot } = await import('../../slots/index.js');
      const tree = await loadForEdit(ctx, flags.config, 'remove-slot');
      const { plan, notes } = planRemoveSlot(tree, Number(n), { force: flags.force });
      ctx.exitCode = await writeOrPreview(ctx, tree, plan, { dryRun: flags.dryRun });
      for (const note of notes) ctx.io.stderr.write(`note: ${note}\n`);
    });
  examples(cmd, ['ocppctl remove-slot 2 --config component_config', 'ocppctl remove-slot 1 --force --dry-run']);
}
