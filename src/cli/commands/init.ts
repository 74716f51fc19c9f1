import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { readPasswordEnv } from '../inputs.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';

interface InitFlags {
  ocpp?: '2.0.1' | '2.1';
  evses?: string;
  connectorsPerEvse?: string;
  current?: 'AC' | 'DC';
  slots: string;
  minimal?: boolean;
  full?: boolean;
  csmsUrl?: string;
  securityProfile: string;
  identity: string;
  passwordEnv?: string;
  force?: boolean;
}

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('init')
    .description('write a new component_config tree for a libocpp station (asks on a terminal for what the flags leave out)')
    .argument('[dir]', 'the component_config folder to create (it gets standardized/ and custom/)', 'component_config')
    .addOption(new Option('--ocpp <release>', 'OCPP release the station speaks').choices(['2.0.1', '2.1']))
    .option('--evses <n>', 'number of EVSEs')
    .option('--connectors-per-evse <n>', 'connectors on each EVSE')
    .addOption(new Option('--current <type>', 'AC or DC charging').choices(['AC', 'DC']))
    .option('--slots <n>', 'NetworkConfiguration slots (connection profiles)', '2')
    .option('--minimal', 'only the controllers libocpp needs to boot and the standard requires')
    .option('--full', 'every controller libocpp supports (default)')
    .option(
      '--csms-url <url>',
      'CSMS URL for the slots, without the station identity (default: ws://localhost:9000, wss:// for profiles 2 and 3)',
    )
    .addOption(new Option('--security-profile <n>', 'OCPP security profile of the slots').choices(['1', '2', '3']).default('1'))
    .option('--identity <id>', 'station identity (SecurityCtrlr.Identity and the slots)', 'CP001')
    .option('--password-env <var>', 'environment variable holding SecurityCtrlr.BasicAuthPassword')
    .option('--force', 'replace DIR even when it is not empty')
    .action(async (dir: string, flags: InitFlags) => {
      ctx.exitCode = await initCommand(dir, flags, ctx);
    });
  examples(cmd, [
    'ocppctl init',
    'ocppctl init station/component_config --ocpp 2.1 --evses 2 --connectors-per-evse 1 --current AC',
    'OCPP_PASSWORD=… ocppctl init cfg --ocpp 2.0.1 --evses 1 --connectors-per-evse 2 --current DC --password-env OCPP_PASSWORD --minimal',
  ]);
}

function count(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max)
    throw new OcppctlError('USAGE', `${flag} needs a whole number from 1 to ${max}, got "${text}"`);
  return n;
}

async function ask(
  flags: InitFlags,
  ctx: CliContext,
): Promise<Required<Pick<InitFlags, 'ocpp' | 'evses' | 'connectorsPerEvse' | 'current'>>> {
  const missing = (['ocpp', 'evses', 'connectorsPerEvse', 'current'] as const).filter((k) => flags[k] === undefined);
  if (missing.length && !ctx.io.interactive) {
    const names = missing.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new OcppctlError('USAGE', `init needs ${names.join(', ')} (there is no terminal to ask on)`);
  }
  if (!missing.length) return flags as Required<InitFlags>;
  const { default: inquirer } = await import('inquirer');
  const positive = (max: number) => (v: string) =>
    (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max) || `a whole number from 1 to ${max}`;
  const answers = await inquirer.prompt<Record<string, string>>(
    [
      { type: 'list', name: 'ocpp', message: 'OCPP release', choices: ['2.0.1', '2.1'] },
      { type: 'input', name: 'evses', message: 'Number of EVSEs', default: '1', validate: positive(32) },
      { type: 'input', name: 'connectorsPerEvse', message: 'Connectors per EVSE', default: '1', validate: positive(8) },
      { type: 'list', name: 'current', message: 'Charging current', choices: ['AC', 'DC'] },
    ].filter((q) => missing.includes(q.name as (typeof missing)[number])),
  );
  return { ...flags, ...answers } as Required<InitFlags>;
}

async function initCommand(dir: string, flags: InitFlags, ctx: CliContext): Promise<number> {
  if (flags.minimal && flags.full) throw new OcppctlError('USAGE', 'choose either --minimal or --full');
  const slots = count('--slots', flags.slots, 8);
  if (flags.evses !== undefined) count('--evses', flags.evses, 32);
  if (flags.connectorsPerEvse !== undefined) count('--connectors-per-evse', flags.connectorsPerEvse, 8);
  const password = readPasswordEnv(flags.passwordEnv, ctx.io.env);
  if (password !== undefined) {
    // libocpp's SecurityCtrlr.BasicAuthPassword limits (OCPP 2.0.1: 16 to 40 characters)
    if (password.length < 16 || password.length > 40)
      throw new OcppctlError('USAGE', `BasicAuthPassword from ${flags.passwordEnv} has ${password.length} characters; OCPP needs 16 to 40`);
  }
  // a URL the slots' security profile cannot use would give a tree that fails validate: refuse it here
  const profile = Number(flags.securityProfile);
  const csmsUrl = flags.csmsUrl ?? `${profile >= 2 ? 'wss' : 'ws'}://localhost:9000`;
  const { urlProblem, identityProblem } = await import('../../slots/slot-input.js');
  const badUrl = urlProblem(csmsUrl, profile);
  if (badUrl) throw new OcppctlError('USAGE', `--csms-url ${JSON.stringify(csmsUrl)}: ${badUrl}`);
  const badIdentity = identityProblem(flags.identity);
  if (badIdentity) throw new OcppctlError('USAGE', `--identity ${JSON.stringify(flags.identity)}: ${badIdentity}`);
  const answers = await ask(flags, ctx);
  const { renderTree, writeTree } = await import('../../init/index.js');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- node:path's functions do not use `this`
  const { resolve } = await import('node:path');
  const options = {
    ocpp: answers.ocpp,
    evses: count('--evses', String(answers.evses), 32),
    connectorsPerEvse: count('--connectors-per-evse', String(answers.connectorsPerEvse), 8),
    current: answers.current,
    slots,
    set: flags.minimal ? ('minimal' as const) : ('full' as const),
    csmsUrl,
    securityProfile: Number(flags.securityProfile) as 1 | 2 | 3,
    identity: flags.identity,
    password,
  };
  const files = renderTree(options);
  const target = resolve(ctx.io.cwd, dir);
  const { statSync } = await import('node:fs');
  // replacing a tree another ocppctl is changing would lose its change: take that tree's lock first
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
    const { lockTree } = await import('../write-plan.js');
    await lockTree(ctx, target, 'init');
  }
  try {
    writeTree(target, files, { force: flags.force });
  } catch (err) {
    // a read-only or full folder: name the folder the user gave, not the temp folder beside it
    // the files layer names the absolute path; the user named the folder as given
    if (err instanceof OcppctlError) throw new OcppctlError(err.code, err.message.split(target).join(dir), { cause: err.cause });
    const { errnoReason } = await import('../environment-error.js');
    const reason = errnoReason(err);
    if (reason) throw new OcppctlError('INPUT', `cannot write ${dir}: ${reason}; nothing was written`, { cause: err });
    throw err;
  }
  ctx.io.stdout.write(
    `wrote ${files.length} component files to ${dir} (OCPP ${options.ocpp}, ${options.evses} EVSE × ${options.connectorsPerEvse} connector, ` +
      `${options.current}, ${slots} slots, ${options.set})\n` +
      `next: ocppctl validate ${dir} --target spec-${options.ocpp}\n`,
  );
  if (password === undefined && options.securityProfile < 3)
    ctx.io.stderr.write(
      `ocppctl: no BasicAuthPassword yet; security profile ${options.securityProfile} needs one before the station can connect (--password-env VAR)\n`,
    );
  return EXIT.ok;
}
