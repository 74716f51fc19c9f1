import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

export default function register(program: Command, ctx: CliContext) {
  const db = program.command('db').description("work with libocpp's device-model database (see also init-db)");
  const cmd = db
    .command('export')
    .description("write a device-model database back out as a component_config tree, with the current values")
    .requiredOption('--db <file>', 'the device-model database (for example one pulled from a station)')
    .requiredOption('--out <dir>', 'the component_config folder to create (must not exist or be empty)')
    .action(async (flags: { db: string; out: string }) => {
      const { exportDb } = await import('../../db/export.js');
      const r = exportDb({ db: flags.db, out: flags.out, cwd: ctx.io.cwd });
      ctx.io.stdout.write(`wrote ${r.out}: ${r.files.length} files, ${r.components} components, ${r.variables} variables\n`);
      ctx.exitCode = EXIT.ok;
    });
  examples(cmd, ['ocppctl db export --db device_model_storage.db --out station-config', 'ocppctl validate station-config']);
}
