import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface SlotsFlags {
  config: string;
  json?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('slots')
    .description('list the NetworkConfiguration slots: URL, profile, identity, password set or not, priority, usable or why not')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--json', 'print JSON for scripts')
    .action(async (flags: SlotsFlags) => {
      const { loadConfigTree } = await import('../../model/index.js');
      const { summarizeSlots, formatSlotTable } = await import('../../slots/index.js');
      const { actualText, variableOf } = await import('../../slots/index.js');
      const tree = loadConfigTree(flags.config, { cwd: ctx.io.cwd });
      const rows = summarizeSlots(tree);
      ctx.io.stdout.write((flags.json ? JSON.stringify(rows, null, 2) : formatSlotTable(rows)) + '\n');
      if (actualText(variableOf(tree, 'InternalCtrlr', 'NetworkConnectionProfiles'))) {
        ctx.io.stderr.write('note: InternalCtrlr.NetworkConnectionProfiles still holds legacy profiles, which libocpp migrates into the slots at start-up; see ocppctl migrate --dry-run\n');
      }
      ctx.exitCode = EXIT.ok;
    });
  examples(cmd, ['ocppctl slots --config component_config', 'ocppctl slots --json | jq ".[] | select(.usable | not)"']);
}
