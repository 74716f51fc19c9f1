import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface SlotsFlags {
  config: string;
  json?: boolean;
  wide?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('slots')
    .description('list the NetworkConfiguration slots: URL, profile, identity, password set or not, priority, usable or why not')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--json', 'print JSON for scripts')
    .option(
      '--wide',
      'one line per slot with every column (interface, transport, timeout, where identity and password come from), wider than 80 columns',
    )
    .action(async (flags: SlotsFlags) => {
      const { loadConfigTree } = await import('../../model/index.js');
      const { summarizeSlotsAtStart, formatSlotTable } = await import('../../slots/index.js');
      const { actualText, variableOf } = await import('../../slots/index.js');
      const tree = loadConfigTree(flags.config, { cwd: ctx.io.cwd });
      const rows = summarizeSlotsAtStart(tree);
      ctx.io.stdout.write((flags.json ? JSON.stringify(rows, null, 2) : formatSlotTable(rows, { wide: flags.wide })) + '\n');
      if (rows.some((r) => r.fromLegacyBlob)) {
        ctx.io.stderr.write(
          'note: "from the legacy blob": libocpp fills these slots from InternalCtrlr.NetworkConnectionProfiles at start-up, and the table shows them so; ocppctl migrate writes them into the files now (--dry-run to see how)\n',
        );
      } else if (actualText(variableOf(tree, 'InternalCtrlr', 'NetworkConnectionProfiles'))) {
        ctx.io.stderr.write(
          'note: InternalCtrlr.NetworkConnectionProfiles still holds legacy profiles, which libocpp does not migrate into any slot here; see ocppctl validate\n',
        );
      }
      ctx.exitCode = EXIT.ok;
    });
  examples(cmd, [
    'ocppctl slots --config component_config',
    'ocppctl slots --wide',
    'ocppctl slots --json | jq ".[] | select(.usable | not)"',
  ]);
}
