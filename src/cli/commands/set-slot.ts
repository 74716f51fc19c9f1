import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { examples } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { OcppctlError } from '../../errors.js';
import { loadForEdit, writeOrPreview } from '../write-plan.js';
import { readPasswordEnv } from '../inputs.js';
import type { SlotChanges, SlotToEdit } from '../../slots/index.js';

interface SetSlotFlags {
  config: string;
  url?: string;
  securityProfile?: string;
  interface?: string;
  transport?: string;
  messageTimeout?: string;
  identity?: string;
  passwordEnv?: string;
  dryRun?: boolean;
}

const CHANGE_FLAGS = ['url', 'securityProfile', 'interface', 'transport', 'messageTimeout', 'identity', 'passwordEnv'] as const;

export default function register(program: Command, ctx: CliContext) {
  const cmd = program
    .command('set-slot')
    .description('change an existing NetworkConfiguration slot: URL, security profile, password, identity, interface, transport, timeout')
    .argument('<n>', 'slot number')
    .option('-c, --config <dir>', 'component_config folder', 'component_config')
    .option('--url <url>', 'CSMS URL without the station identity, ws:// for profiles 0-1, wss:// for 2-3')
    .addOption(new Option('--security-profile <n>', 'security profile').choices(['0', '1', '2', '3']))
    .option('--password-env <VAR>', "read the slot's basic-auth password from this environment variable (never from a flag)")
    .option('--identity <id>', 'station identity for this slot ("" to use SecurityCtrlr.Identity)')
    .option('--interface <name>', 'OcppInterface: Wired0-3, Wireless0-3 or Any')
    .addOption(new Option('--transport <name>', 'OcppTransport').choices(['JSON', 'SOAP']))
    .option('--message-timeout <seconds>', 'MessageTimeout of this slot')
    .option('--dry-run', 'print the unified diff and write nothing')
    .action(async (n: string, flags: SetSlotFlags) => {
      ctx.exitCode = await setSlotCommand(n, flags, ctx);
    });
  examples(cmd, [
    'ocppctl set-slot 1 --url wss://new.example.com/ocpp',
    'ocppctl set-slot 2 --security-profile 2 --url wss://backup.example.com/ocpp --password-env CSMS_PASSWORD --dry-run',
    "ocppctl set-slot 1   # on a terminal: asks, showing the slot's current values",
  ]);
}

async function setSlotCommand(n: string, flags: SetSlotFlags, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  if (!/^[1-9]\d*$/.test(n)) throw new OcppctlError('USAGE', `the slot must be a whole number ≥ 1, got "${n}"`);
  const guided = CHANGE_FLAGS.every((f) => flags[f] === undefined);
  if (guided && !io.interactive) {
    throw new OcppctlError(
      'USAGE',
      'set-slot needs at least one of --url, --security-profile, --password-env, --identity, --interface, --transport, --message-timeout (required when not on a terminal)',
    );
  }
  const { planSetSlot, slotToEdit } = await import('../../slots/index.js');
  const tree = await loadForEdit(ctx, flags.config, 'set-slot');
  const target = slotToEdit(tree, Number(n));

  const changes: SlotChanges = {
    url: flags.url,
    securityProfile: flags.securityProfile === undefined ? undefined : Number(flags.securityProfile),
    interface: flags.interface,
    transport: flags.transport,
    messageTimeout: flags.messageTimeout === undefined ? undefined : wholeNumber(flags.messageTimeout),
    identity: flags.identity,
    password: readPasswordEnv(flags.passwordEnv, io.env),
  };
  if (io.interactive) {
    const asked = guided ? await askAll(target) : await askMissing(target, changes);
    Object.assign(changes, asked);
    if (guided && Object.values(changes).every((v) => v === undefined)) {
      io.stderr.write('nothing to change\n');
      return EXIT.ok;
    }
  }
  const result = planSetSlot(target, changes);
  const code = await writeOrPreview(ctx, tree, result.plan, { dryRun: flags.dryRun, secrets: result.secrets });
  for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
  if (code === EXIT.ok && !flags.dryRun && result.plan.changes.length > 0) {
    io.stdout.write(`updated slot ${target.slot}\n`);
    // a replaced file keeps its mode, so a password written into a file others may read stays readable to them
    if (changes.password !== undefined) {
      const { statSync } = await import('node:fs');
      const file = target.record.file;
      const mode = statSync(file.path, { throwIfNoEntry: false })?.mode;
      if (mode !== undefined && (mode & 0o077) !== 0) {
        io.stderr.write(
          `note: ${file.file} now holds a password and others may read it (mode ${(mode & 0o777).toString(8)}); chmod 600 it if the station allows\n`,
        );
      }
    }
  }
  return code;
}

// a non-number reaches the library's own check ("a whole number of seconds, at least 1") as NaN
const wholeNumber = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The guided session: every setting, the slot's current value as the default; only what differs is changed. */
async function askAll(target: SlotToEdit): Promise<SlotChanges> {
  const prompts = await import('../prompts.js');
  const { urlProblem, INTERFACES } = await import('../../slots/index.js');
  const { current } = target;
  const profile = await prompts.askSecurityProfile(
    current.securityProfile !== undefined && current.securityProfile >= 0 && current.securityProfile <= 3 ? current.securityProfile : 1,
  );
  const fits = current.url !== undefined && current.url !== '' && urlProblem(current.url, profile) === undefined;
  const url = await prompts.askUrl(profile, fits ? current.url : undefined);
  const known = (INTERFACES as readonly string[]).includes(current.interface ?? '');
  const iface = await prompts.askInterface(known ? current.interface! : 'Any');
  const password = profile === 1 || profile === 2 ? await prompts.askPassword(passwordPrompt(target)) : undefined;
  return {
    securityProfile: profile === current.securityProfile ? undefined : profile,
    url: url === current.url ? undefined : url,
    interface: iface === current.interface ? undefined : iface,
    password,
  };
}

/** With some flags given: asks only what the change makes necessary (a URL that fits a new profile, a password it now needs). */
async function askMissing(target: SlotToEdit, changes: SlotChanges): Promise<SlotChanges> {
  const { urlProblem } = await import('../../slots/index.js');
  const { current } = target;
  const prompts = await import('../prompts.js');
  const asked: SlotChanges = {};
  // a slot with no profile of its own (EVerest's slot 2) given a URL: the profile is needed too
  if (changes.securityProfile === undefined && current.securityProfile === undefined && (changes.url ?? current.url)) {
    asked.securityProfile = await prompts.askSecurityProfile();
    if (changes.url && urlProblem(changes.url, asked.securityProfile)) asked.url = await prompts.askUrl(asked.securityProfile);
    return asked;
  }
  const profile = changes.securityProfile;
  if (profile === undefined || profile === current.securityProfile) return {};
  if (changes.url === undefined && current.url && urlProblem(current.url, profile)) asked.url = await prompts.askUrl(profile);
  const wasBasic = current.securityProfile === 1 || current.securityProfile === 2;
  if ((profile === 1 || profile === 2) && !wasBasic && changes.password === undefined && current.passwordSource !== 'slot') {
    asked.password = await prompts.askPassword(passwordPrompt(target));
  }
  return asked;
}

function passwordPrompt(target: SlotToEdit): 'keep' | 'fallback' | 'none' {
  const { current } = target;
  if (current.passwordSource === 'slot') return 'keep';
  return current.passwordSource === 'SecurityCtrlr' ? 'fallback' : 'none';
}
