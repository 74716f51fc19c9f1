import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('pnc')
    .description('say whether Plug&Charge will work: ISO 15118 variables, EVerest wiring and EvseSecurity certificates, checked together')
    .option('-c, --config <dir>', 'the component_config folder (else the one the EVerest config names)')
    .option('--everest-config <file>', 'the EVerest config YAML: effective Plug&Charge per EVSE and the ISO 15118 wiring')
    .option(
      '--everest-prefix <dir>',
      "where EVerest is installed (else the YAML's settings.prefix): its certificates folder is checked without --certs",
    )
    .option(
      '--certs <dir>',
      "EvseSecurity's certificates folder (ca/v2g, ca/mo, ca/csms, client/cso); default <etc>/everest/certs under the prefix",
    )
    .option('--db <file>', "the station's device-model database: a value the CSMS wrote there wins over the files")
    .option('--json', 'print JSON instead of text')
    .action(
      async (flags: { config?: string; everestConfig?: string; everestPrefix?: string; certs?: string; db?: string; json?: boolean }) => {
        const { pncReadiness, formatReadiness } = await import('../../pnc/index.js');
        const r = await pncReadiness({
          cwd: ctx.io.cwd,
          config: flags.config,
          everestConfig: flags.everestConfig,
          prefix: flags.everestPrefix,
          certs: flags.certs,
          db: flags.db,
        });
        ctx.io.stdout.write(flags.json ? JSON.stringify(r, null, 2) + '\n' : formatReadiness(r));
        ctx.exitCode = r.ready ? EXIT.ok : EXIT.findings;
      },
    );
  cmd.addHelpText(
    'after',
    '\nExit codes: 0 ready, 1 not ready (the last line names the first thing to fix), 2 input error.\nPrivate keys and private_key_password are read to check the key, never printed.\n',
  );
  examples(cmd, [
    'ocppctl pnc --config component_config',
    'ocppctl pnc --everest-config /etc/everest/config.yaml --certs /etc/everest/certs',
    'ocppctl pnc --everest-config config.yaml --everest-prefix /usr   # checks /etc/everest/certs',
    'ocppctl pnc -c component_config --db device_model_storage.db --json',
  ]);
}
