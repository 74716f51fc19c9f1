import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';

interface RecoverFlags {
  config: string;
  finish?: boolean;
  undo?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('recover')
    .description('finish or undo a file change (add-slot, remove-slot, set-priority, migrate) that was interrupted')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--finish', 'complete the interrupted change')
    .option('--undo', 'restore every file as it was before the change')
    .action(async (flags: RecoverFlags) => {
      if (Boolean(flags.finish) === Boolean(flags.undo)) throw new OcppctlError('USAGE', 'pass exactly one of --finish or --undo');
      // eslint-disable-next-line @typescript-eslint/unbound-method -- node:path's functions do not use `this`
      const { resolve } = await import('node:path');
      const { statSync } = await import('node:fs');
      const { recoverPlan } = await import('../../files/index.js');
      const { lockTree, asWrite } = await import('../write-plan.js');
      const root = resolve(ctx.io.cwd, flags.config);
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
        throw new OcppctlError('CONFIG_DIR_MISSING', `no component_config folder at ${flags.config}`);
      // the journal belongs to the lock holder: a live change is never "recovered" under its feet
      await lockTree(ctx, root, 'recover');
      const { result: done } = await asWrite(ctx, () => recoverPlan(root, flags.finish ? 'finish' : 'undo'));
      ctx.io.stdout.write(
        done
          ? `${flags.finish ? 'finished' : 'undid'} the interrupted "${done.command}" (${done.files.join(', ')})\n`
          : `no interrupted change in ${flags.config}\n`,
      );
      ctx.exitCode = EXIT.ok;
    });
  examples(cmd, ['ocppctl recover --config component_config --undo', 'ocppctl recover --config component_config --finish']);
}
