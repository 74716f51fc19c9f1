import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';

// names from a database pulled from the field reach the terminal: no control characters (each note is one line)
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export default function register(program: Command, ctx: CliContext) {
  const db = program.command('db').description("work with libocpp's device-model database (see also init-db)");
  const cmd = db
    .command('export')
    .description('write a device-model database back out as a component_config tree, with the current values')
    .requiredOption('--db <file>', 'the device-model database (for example one pulled from a station)')
    .requiredOption('--out <dir>', 'the component_config folder to create (must not exist or be empty)')
    .option(
      '--like <dir>',
      'write each component into the file of this component_config tree it came from, changing only the values the station changed',
    )
    .option('--include-secrets', 'also write passwords, keys and the legacy connection-profile blob (files holding them are created 0600)')
    .action(async (flags: { db: string; out: string; like?: string; includeSecrets?: boolean }) => {
      const { exportDb } = await import('../../db/export.js');
      const r = exportDb({ db: flags.db, out: flags.out, cwd: ctx.io.cwd, like: flags.like, includeSecrets: flags.includeSecrets });
      for (const note of r.notes) ctx.io.stderr.write(`note: ${printable(note)}\n`);
      if (r.leftOut.length)
        ctx.io.stderr.write(
          `note: left out the secret values of ${printable(r.leftOut.join(', '))}; --include-secrets writes them (in files readable by their owner only)\n`,
        );
      const changed = r.values === undefined ? '' : `, ${r.values} value${r.values === 1 ? '' : 's'} changed from the tree`;
      ctx.io.stdout.write(`wrote ${r.out}: ${r.files.length} files, ${r.components} components, ${r.variables} variables${changed}\n`);
      ctx.exitCode = EXIT.ok;
    });
  examples(cmd, [
    'ocppctl db export --db device_model_storage.db --out station-config',
    'ocppctl db export --db device_model_storage.db --out station-config --like component_config',
    'ocppctl validate station-config',
  ]);

  const diff = db
    .command('diff')
    .description('list the values that differ between a device-model database and a component_config tree, and who set them')
    .requiredOption('--db <file>', 'the device-model database (for example one pulled from a station)')
    .requiredOption('-c, --config <dir>', 'the component_config folder to compare with')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .action(async (flags: { db: string; config: string; format: 'stylish' | 'json' }) => {
      const { diffDb, renderDiff } = await import('../../db/db-diff.js');
      const d = diffDb({ db: flags.db, config: flags.config, cwd: ctx.io.cwd });
      const text = flags.format === 'json' ? JSON.stringify({ ...d, equal: d.differences.length === 0 }, null, 2) + '\n' : renderDiff(d);
      ctx.io.stdout.write(text);
      ctx.exitCode = d.differences.length ? EXIT.findings : EXIT.ok;
    });
  diff.addHelpText(
    'after',
    '\nCompares values, not text: layout, key order and descriptions never count. Each line names the component,\n' +
      "variable and attribute type, the tree's value (as init-db would store it), the database's value and who set it\n" +
      "(the database's value source: default, internal, csms, ...); limits, monitors and what exists on one side only\n" +
      'are listed too. Secret values show only their length.\n\nExit codes: 0 the database holds what the tree says, 1 they differ, 2 input error.\n',
  );
  examples(diff, [
    'ocppctl db diff --db device_model_storage.db --config component_config',
    'ocppctl db diff --db station.db -c component_config --format json',
  ]);
}
