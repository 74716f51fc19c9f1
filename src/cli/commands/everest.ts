import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

export default function register(program: Command, ctx: CliContext) {
  const everest = program.command('everest').description('look at the EVerest configuration that loads the OCPP module');
  const cmd = everest
    .command('show')
    .description('show the OCPP module as EVerest will run it: config keys and their sources, resolved paths, the EVSE table')
    .argument('<file>', 'the EVerest config YAML')
    .option('--everest-prefix <dir>', 'where EVerest is installed (resolves paths relative to share/, reads the installed manifests)')
    .option('--json', 'print JSON instead of text')
    .action(async (file: string, flags: { everestPrefix?: string; json?: boolean }) => {
      const { showEverest, formatShow } = await import('../../everest/index.js');
      const shown = showEverest(file, { cwd: ctx.io.cwd, prefix: flags.everestPrefix });
      ctx.io.stdout.write((flags.json ? JSON.stringify(shown, null, 2) : formatShow(shown)) + '\n');
      ctx.exitCode = shown.problems.length || !shown.module ? EXIT.findings : EXIT.ok;
    });
  examples(cmd, ['ocppctl everest show /etc/everest/config.yaml --everest-prefix /usr', 'ocppctl everest show config.yaml --json']);
}
